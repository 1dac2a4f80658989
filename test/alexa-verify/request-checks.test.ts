// Rules 5 and 6: timestamp and skill id, usable on their own (the Lambda-by-ARN path keeps the
// skill id check only, rule 9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifySkillId, verifyTimestamp } from '../../src/platforms/alexa/verifier/index.js';
import { alexaRequestBody } from '../support/alexa-certs.js';
import { rejectsAt } from './assert-verification.js';

const NOW = Date.parse('2025-12-06T10:00:00Z');
const at = (offsetSec: number): Date => new Date(NOW + offsetSec * 1000);

describe('rule 5: timestamp', () => {
  it('accepts up to 150 s in the past and in the future', () => {
    for (const offset of [-150, -1, 0, 1, 150]) verifyTimestamp(alexaRequestBody({ timestamp: at(offset) }), NOW);
  });

  it('rejects more than 150 s in the past', async () => {
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ timestamp: at(-151) }), NOW), 'timestamp', /old/);
  });

  it('rejects more than 150 s in the future', async () => {
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ timestamp: at(151) }), NOW), 'timestamp', /future/);
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ timestamp: at(86_400) }), NOW), 'timestamp', /future/);
  });

  it('lets AlexaSkillEvent.* requests be up to one hour old', () => {
    for (const type of ['AlexaSkillEvent.SkillDisabled', 'AlexaSkillEvent.SkillAccountLinked']) {
      verifyTimestamp(alexaRequestBody({ type, timestamp: at(-3_600), withoutSession: true }), NOW);
    }
  });

  it('rejects skill events older than one hour, or more than 150 s in the future', async () => {
    const type = 'AlexaSkillEvent.SkillDisabled';
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ type, timestamp: at(-3_601) }), NOW), 'timestamp', /old/);
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ type, timestamp: at(151) }), NOW), 'timestamp', /future/);
  });

  it('does not extend the allowance to other request types', async () => {
    for (const type of ['LaunchRequest', 'IntentRequest', 'Messaging.MessageReceived', 'alexaskillevent.SkillDisabled']) {
      await rejectsAt(() => verifyTimestamp(alexaRequestBody({ type, timestamp: at(-600) }), NOW), 'timestamp');
    }
  });

  it('honours configured tolerances', async () => {
    verifyTimestamp(alexaRequestBody({ timestamp: at(-20) }), NOW, { toleranceSec: 30 });
    await rejectsAt(() => verifyTimestamp(alexaRequestBody({ timestamp: at(-31) }), NOW, { toleranceSec: 30 }), 'timestamp');
  });

  it('rejects a missing or unreadable timestamp', async () => {
    for (const body of [{}, null, 'x', { request: {} }, { request: { timestamp: 'yesterday' } }, { request: { timestamp: NOW } }]) {
      await rejectsAt(() => verifyTimestamp(body, NOW), 'timestamp', /missing or unreadable/);
    }
  });
});

describe('rule 6: skill id', () => {
  const SKILL = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
  const OTHER = 'amzn1.ask.skill.99999999-2222-3333-4444-555555555555';

  it('accepts a configured skill id', () => {
    verifySkillId(alexaRequestBody({ skillId: SKILL }), [OTHER, SKILL]);
    verifySkillId(alexaRequestBody({ skillId: SKILL, withoutSession: true }), [SKILL]);
  });

  it('rejects a foreign skill id', async () => {
    await rejectsAt(() => verifySkillId(alexaRequestBody({ skillId: OTHER }), [SKILL]), 'skill-id', /not configured/);
  });

  it('accepts any skill id when none is configured', () => {
    verifySkillId(alexaRequestBody({ skillId: OTHER }), []);
  });

  it('reads context.System.application.applicationId, not the session\'s', async () => {
    const body = alexaRequestBody({ skillId: OTHER, withoutSession: true }) as { session?: unknown };
    body.session = { application: { applicationId: SKILL } };
    await rejectsAt(() => verifySkillId(body, [SKILL]), 'skill-id', /different skills/);
    // Without a session only the context can name the skill: a foreign one there is refused.
    await rejectsAt(() => verifySkillId(alexaRequestBody({ skillId: OTHER, withoutSession: true }), [SKILL]), 'skill-id', /not configured/);
  });

  it('rejects a session that names another skill than the context', async () => {
    const body = alexaRequestBody({ skillId: SKILL }) as { session: { application: { applicationId: string } } };
    body.session.application.applicationId = OTHER;
    await rejectsAt(() => verifySkillId(body, [SKILL, OTHER]), 'skill-id', /different skills/);
    await rejectsAt(() => verifySkillId(body, []), 'skill-id', /different skills/);
  });

  it('rejects a request without context.System.application.applicationId', async () => {
    for (const body of [{}, null, [], { context: { System: {} } }, { context: { System: { application: { applicationId: 7 } } } }]) {
      await rejectsAt(() => verifySkillId(body, []), 'skill-id', /missing/);
    }
  });

  it('returns quietly when everything matches', () => {
    assert.equal(verifySkillId(alexaRequestBody({ skillId: SKILL }), [SKILL]), undefined);
  });
});
