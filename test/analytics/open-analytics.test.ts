// Wiring as the server will do it: the recorder fed by real turns, and SkillDisabled (through the
// real Alexa skill) deleting the user's turn events along with their claims.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openAnalytics } from '../../src/analytics/open-analytics.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createAlexaSkill } from '../../src/platforms/alexa/skill.js';
import { detachedContext } from '../../src/platforms/request-context.js';
import { openConversation } from '../../src/simulator/conversation.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { freshBackends, type FreshBackends, type SimBackend } from '../../src/simulator/sim-backend.js';
import type { TurnEvent } from '../../src/state/turn-event.js';
import { observedTransport } from './observed-transport.js';

let backends: FreshBackends;
let backend: SimBackend;
before(async () => {
  backends = await freshBackends();
  backend = await backends.open();
});
after(async () => {
  await backend.close();
  await backends.close();
});

const ALL = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

test('recorded turns are deleted with the user on SkillDisabled, under the current and a retired key', async () => {
  const heard: TurnEvent[] = [];
  const old = openAnalytics(backend.deps.state, { key: 'old:retired-secret-0001' }, silentLogger, { now: () => new Date('2026-11-24T09:00:00Z') });
  const current = openAnalytics(backend.deps.state, { key: 'new:current-secret-0002,old:retired-secret-0001', days: 30 }, silentLogger, {
    now: () => new Date('2026-11-24T09:00:00Z'),
    onEvent: (e) => heard.push(e),
  });
  const models = openModelSet(defaultModelsRoot());
  let userId = '';
  for (const analytics of [old, current]) {
    const transport = observedTransport(backend.deps, (turn, reply, ms) => {
      userId = turn.user.id;
      analytics.recorder.record(turn, reply, ms);
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-24T10:00:00+01:00', seed: 'same-user' });
    await c.turn({ utterance: 'habt ihr bio hafermilch' });
    await analytics.recorder.close();
  }
  assert.equal(heard.length, 1, 'onEvent hears each recorded event');
  const before = await backend.deps.state.turnEvents(ALL);
  assert.deepEqual(before.map((e) => e.keyId), ['old', 'new']);
  await backend.deps.state.recordTurnEvents([{ ...before[0]!, user: 'someone-else' }]);

  const skill = createAlexaSkill({ handleTurn: () => Promise.reject(new Error('no turn here')), forgetUser: (id) => current.state.forgetUser(id) });
  await skill.invoke({
    version: '1.0',
    context: { System: { application: { applicationId: 'skill' }, user: { userId }, apiEndpoint: 'https://api.eu.amazonalexa.com' } },
    request: { type: 'AlexaSkillEvent.SkillDisabled', requestId: 'r1', timestamp: '2026-11-24T09:00:00Z', eventCreationTime: '2026-11-24T09:00:00Z', eventPublishingTime: '2026-11-24T09:00:00Z' },
  } as never, detachedContext(silentLogger));
  assert.deepEqual((await backend.deps.state.turnEvents(ALL)).map((e) => e.user), ['someone-else']);
});
