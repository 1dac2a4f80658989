// Issue 18: /metrics carries what an operator alerts on — sessions, hand-offs, orders by voice and
// their value — counted from real turns over POST /alexa.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askIntent, launch } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ now: '2026-11-22T10:00:00+01:00' });
});
after(() => server.close());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{platform="alexa"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('a session, a hand-off and a placed reorder show on /metrics', async () => {
  assert.equal(await metric('shopvoice_sessions_total'), 0);
  await launch(server, { locale: 'de-DE' });
  assert.equal(await metric('shopvoice_sessions_total'), 1);

  await askIntent(server, 'HumanHandoffIntent', { locale: 'de-DE' });
  assert.equal(await metric('shopvoice_handoffs_total'), 1);

  const sessionId = 'amzn1.echo-api.session.metrics-reorder';
  const offer = await askIntent(server, 'ReorderIntent', { locale: 'de-DE', accessToken: 'demo-token-anna', sessionId });
  assert.equal(await metric('shopvoice_orders_total'), 0, 'a read-back is no order');
  const placed = await askIntent(server, 'ReorderIntent', { locale: 'de-DE', accessToken: 'demo-token-anna', sessionId, attributes: offer.attributes, confirmationStatus: 'CONFIRMED' });
  assert.match(placed.speech, /Erledigt!/);
  assert.equal(await metric('shopvoice_orders_total'), 1);
  const total = offer.attributes.pending.totalCents / 100;
  assert.equal(await metric('shopvoice_order_value_euros_total'), total);
});
