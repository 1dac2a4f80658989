// Issue 17, "Consent and the customer's data": "lösche meine Daten" deletes, after a yes, what the
// state store and the notification outbox hold for the user, as SkillDisabled does, and leaves no
// byte of it on disk; "keine Benachrichtigungen mehr" stops the notifications at once and records
// the withdrawal. Real server, real SQLite files, Alexa requests as Alexa sends them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const NOW = '2026-11-22T10:00:00+01:00';
const AT = new Date(NOW);
const ORDER_STATUS = 'AMAZON.OrderStatus.Updated';
const GONE = 'amzn1.ask.account.VOICE-DELETE-5e1f0c3b';
const STAYS = 'amzn1.ask.account.VOICE-STAYS-8d2a7c41';
const QUIET = 'amzn1.ask.account.VOICE-QUIET-2b9e6f07';

function bytesOnDisk(dataDir: string): Buffer {
  const files = ['state.sqlite', 'state.sqlite-wal', 'outbox.sqlite', 'outbox.sqlite-wal'].map((f) => join(dataDir, f)).filter(existsSync);
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

describe('privacy by voice, with notifications configured', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: NOW, env: { SHOPVOICE_SHOP_EVENTS_SECRET: 'shop-secret' } });
  });
  after(() => server.close());

  async function subscribe(userId: string, customerId: string): Promise<void> {
    await server.deps.outbox!.setSubscriptions(userId, [ORDER_STATUS], 'en-US', AT);
    await server.deps.outbox!.linkCustomer(userId, customerId, 'en-US', AT);
    await server.deps.state.recordConsent({ userId, feature: 'notifications', granted: true, at: AT.getTime(), textVersion: 'alexa-app-1', platform: 'alexa' });
  }

  test('"nein" deletes nothing; "ja" deletes consents, subscriptions and links, and no byte of them stays on disk', async () => {
    await subscribe(GONE, 'C-1001');
    await subscribe(STAYS, 'C-1002');
    await server.deps.state.rememberTold(GONE, 'closure:S-BER:2026-12-24', AT);

    const info = await askIntent(server, 'PrivacyInfoIntent', { userId: GONE });
    assert.equal(info.speech, 'Ich habe zu dir gespeichert: deine Zustimmung zu Bestellbenachrichtigungen und welche Hinweise und Fragen du schon gehört hast. Sag „lösche meine Daten“, dann lösche ich alles.');

    const asked = await askIntent(server, 'DeleteMyDataIntent', { userId: GONE });
    assert.equal(asked.speech, 'Soll ich alles löschen, was ich über dich gespeichert habe?');
    assert.equal(asked.end, false);
    const kept = await askIntent(server, 'AMAZON.NoIntent', { userId: GONE, attributes: asked.attributes });
    assert.match(kept.speech, /^Gut, ich lösche nichts\./);
    assert.equal((await server.deps.outbox!.subscriberOf('C-1001', ORDER_STATUS))?.userId, GONE, 'nothing deleted after "nein"');

    const again = await askIntent(server, 'DeleteMyDataIntent', { userId: GONE });
    const done = await askIntent(server, 'AMAZON.YesIntent', { userId: GONE, attributes: again.attributes });
    assert.equal(done.speech, 'Erledigt, ich habe alles gelöscht, was ich über dich gespeichert hatte.');
    assert.equal(done.end, true);

    assert.equal(await server.deps.outbox!.subscriberOf('C-1001', ORDER_STATUS), undefined);
    assert.deepEqual(await server.deps.state.consentsOf(GONE), []);
    assert.equal(await server.deps.state.toldAt(GONE, 'closure:S-BER:2026-12-24'), undefined);
    assert.equal((await server.deps.outbox!.subscriberOf('C-1002', ORDER_STATUS))?.userId, STAYS, 'another user keeps theirs');
    const disk = bytesOnDisk(server.dataDir);
    assert.equal(disk.includes(GONE), false, 'the user id is still readable on disk');
    assert.ok(disk.includes(STAYS));
  });

  test('"keine Benachrichtigungen mehr" unsubscribes at once and records the withdrawal after the consent', async () => {
    await subscribe(QUIET, 'C-1003');
    const reply = await askIntent(server, 'StopNotificationsIntent', { userId: QUIET });
    assert.match(reply.speech, /^Alles klar, ich schicke dir keine Bestellbenachrichtigungen mehr\./);
    assert.equal(await server.deps.outbox!.subscriberOf('C-1003', ORDER_STATUS), undefined, 'a status change now finds no subscriber');
    const records = await server.deps.state.consentsOf(QUIET);
    assert.deepEqual(records.map((r) => [r.feature, r.granted, r.textVersion]), [['notifications', true, 'alexa-app-1'], ['notifications', false, 'privacy-1']]);
    assert.equal(records[1]!.at, Date.parse(NOW), 'recorded at the turn\'s instant');
  });
});

describe('privacy by voice, with purchase codes on', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: NOW, env: { SHOPVOICE_PURCHASE_CODE: 'on' } });
  });
  after(() => server.close());

  test('"lösche meine Daten" also deletes the wrong-code counts kept for the user', async () => {
    const codes = server.deps.purchaseCodes!;
    await codes.recordWrongCode(GONE, 'amzn1.echo-api.session.earlier', AT);
    await codes.recordWrongCode(STAYS, 'amzn1.echo-api.session.other', AT);
    const asked = await askIntent(server, 'DeleteMyDataIntent', { userId: GONE });
    await askIntent(server, 'AMAZON.YesIntent', { userId: GONE, attributes: asked.attributes });
    assert.equal(await codes.wrongCodes(GONE, 'amzn1.echo-api.session.earlier'), 0);
    assert.equal(await codes.wrongCodes(STAYS, 'amzn1.echo-api.session.other'), 1, 'another user keeps theirs');
  });
});
