import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { askIntent } from '../support/alexa-turn.js';
import { intentRequest, skillDisabledEvent } from '../support/alexa-requests.js';
import { spoken, type TestServer } from '../support/test-server.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { startHarness, type Harness } from '../server/harness.js';

const GONE = 'amzn1.ask.account.PRIVACY-GONE';
const STAYS = 'amzn1.ask.account.PRIVACY-STAYS';

describe('what is stored for a user, and its deletion on SkillDisabled', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ now: '2026-11-22T10:00:00+01:00' });
  });
  after(() => h.close());

  function rowsOf(userId: string): number {
    const db = new BetterSqlite3(join(h.dataDir, 'state.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM reorder_claims WHERE user_id = ?').get(userId) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function placeReorder(userId: string, sessionId: string): Promise<void> {
    const server = h as unknown as TestServer;
    const o = { accessToken: 'demo-token-anna', userId, sessionId, isNew: true };
    const offered = await askIntent(server, 'ReorderIntent', o);
    const placed = await askIntent(server, 'ReorderIntent', { ...o, attributes: offered.attributes, confirmationStatus: 'CONFIRMED' });
    assert.match(placed.speech, /Erledigt!/);
  }

  test('every row of the disabled user goes, completed and pending; other users keep theirs; the answer is empty', async () => {
    await placeReorder(GONE, 'amzn1.echo-api.session.gone-1');
    await placeReorder(GONE, 'amzn1.echo-api.session.gone-2');
    await h.deps.state.claimReorder('reorder:pending-of-gone', GONE);
    await placeReorder(STAYS, 'amzn1.echo-api.session.stays-1');
    assert.equal(rowsOf(GONE), 3);

    // Skill events may arrive up to an hour late (platform-rules.md, rule 5).
    const event = skillDisabledEvent({ userId: GONE, timestamp: new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    const res = await h.post('/alexa', event);
    assert.equal(res.status, 200);
    assert.equal(res.json.response.outputSpeech, undefined);
    assert.equal(rowsOf(GONE), 0);
    assert.equal(rowsOf(STAYS), 1);
  });

  test('without a linked account, personal intents reveal nothing and ask to link (Alexa and Dialogflow)', async () => {
    for (const intent of ['OrderStatusIntent', 'ReorderIntent']) {
      const alexa = await h.post('/alexa', intentRequest(intent, { locale: 'de-DE' }, intent === 'OrderStatusIntent' ? ['orderNumber'] : []));
      assert.equal(alexa.json.response.card?.type, 'LinkAccount');
      const speech = spoken(alexa.json.response.outputSpeech.ssml);
      assert.doesNotMatch(speech, /\d{5}|Hafermilch|Anna|unterwegs|geliefert/);
      const google = await h.post('/google', dialogflowRequest(intent, { languageCode: 'de', parameters: intent === 'OrderStatusIntent' ? { orderNumber: 10042 } : {} }));
      assert.equal(google.status, 200);
      assert.doesNotMatch(google.json.fulfillmentText, /\d{5}|Hafermilch|Anna|unterwegs|geliefert/);
    }
  });

  test('a SkillDisabled event without a user id deletes nothing and still answers 200', async () => {
    const before = rowsOf(STAYS);
    const event = skillDisabledEvent({}) as any;
    delete event.context.System.user.userId;
    const res = await h.post('/alexa', event);
    assert.equal(res.status, 200);
    assert.equal(rowsOf(STAYS), before);
  });
});
