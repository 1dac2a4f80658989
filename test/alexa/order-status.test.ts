import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Sunday 22 November 2026, 10:00 in Berlin: the demo orders are dated around it. */
const SUNDAY = '2026-11-22T10:00:00+01:00';

describe('OrderStatusIntent over POST /alexa', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: SUNDAY });
  });
  after(() => server.close());

  test('shipped: carrier and expected delivery relative to today', async () => {
    const a = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-anna', slots: { orderNumber: {} } });
    assert.match(a.speech, /Deine Bestellung 10042 ist mit DHL unterwegs und kommt voraussichtlich übermorgen\./);
    assert.match(a.card.content, /00340434161200420042/, 'the tracking number is on the card');
  });

  test('shipped, in English, arriving tomorrow', async () => {
    const a = await askIntent(server, 'OrderStatusIntent', { locale: 'en-US', accessToken: 'demo-token-emma', slots: { orderNumber: { value: '10037' } } });
    assert.match(a.speech, /Your order 10037 is on its way with DPD and should arrive tomorrow\./);
  });

  test('delivered: the date it arrived', async () => {
    const de = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-ben', slots: { orderNumber: {} } });
    assert.match(de.speech, /Deine Bestellung 10039 wurde am Mittwoch, dem 18\. November zugestellt\./);
    const en = await askIntent(server, 'OrderStatusIntent', { locale: 'en-US', accessToken: 'demo-token-ben', slots: { orderNumber: {} } });
    assert.match(en.speech, /Your order 10039 was delivered on Wednesday, November 18th\./);
  });

  test('in progress, received and cancelled', async () => {
    const clara = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-clara', slots: { orderNumber: {} } });
    assert.match(clara.speech, /10043 wird gerade gepackt/);
    const david = await askIntent(server, 'OrderStatusIntent', { locale: 'en-US', accessToken: 'demo-token-david', slots: { orderNumber: {} } });
    assert.match(david.speech, /10044 has been received/);
    // "Deine letzte Bestellung" is the latest that still matters: Emma's open shipment, not the cancelled order after it.
    const emma = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-emma', slots: { orderNumber: {} } });
    assert.match(emma.speech, /10037 ist mit DPD unterwegs/);
    const cancelled = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-emma', slots: { orderNumber: { value: '10041' } } });
    assert.match(cancelled.speech, /10041 wurde storniert/);
  });

  test('a named order of another customer is not found, and nothing about it is said', async () => {
    const a = await askIntent(server, 'OrderStatusIntent', { accessToken: 'demo-token-anna', slots: { orderNumber: { value: '10039' } } });
    assert.match(a.speech, /Eine Bestellung mit der Nummer 10039 finde ich in deinem Konto nicht/);
    assert.doesNotMatch(a.speech, /DPD|zugestellt/);
  });

  test('without a linked account: a LinkAccount card and a hint, nothing personal', async () => {
    for (const locale of ['de-DE', 'en-US']) {
      const a = await askIntent(server, 'OrderStatusIntent', { locale, slots: { orderNumber: {} } });
      assert.equal(a.card?.type, 'LinkAccount');
      assert.match(a.speech, locale === 'de-DE' ? /verknüpfe dein Kundenkonto/ : /link your .* account/);
      assert.doesNotMatch(JSON.stringify(a.body), /1004\d|DHL|DPD|Anna|Schmidt/);
      assert.equal(a.end, true);
    }
  });

  test('an access token the shop does not know is treated like no link', async () => {
    const a = await askIntent(server, 'OrderStatusIntent', { accessToken: 'stolen-or-expired', slots: { orderNumber: {} } });
    assert.equal(a.card?.type, 'LinkAccount');
    assert.doesNotMatch(a.speech, /\d{5}/);
  });
});
