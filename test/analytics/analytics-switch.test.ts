// SHOPVOICE_ANALYTICS=off: an operator who does not want turn events recorded gets none, and the
// default records them (issue 18; the bench's recording-overhead pair uses the same switch).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer } from '../support/test-server.js';

const NOW = '2026-11-22T10:00:00+01:00';
const ALL = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

for (const [setting, recorded] of [[undefined, 1], ['off', 0]] as const) {
  test(`SHOPVOICE_ANALYTICS=${setting ?? '(unset)'}: ${recorded ? 'a turn is recorded' : 'nothing is recorded'}`, async (t) => {
    const server = await startTestServer({ now: NOW, env: setting ? { SHOPVOICE_ANALYTICS: setting } : {} });
    t.after(() => server.close());
    const reply = await askIntent(server, 'ProductLookupIntent', { locale: 'de-DE', slots: { product: { value: 'hafermilch' } } });
    assert.ok(reply.speech.length > 0);
    assert.equal(server.deps.analytics === undefined, recorded === 0);
    await server.deps.analytics?.recorder.flush();
    assert.equal((await server.deps.state.turnEvents(ALL)).length, recorded);
  });
}
