import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ANNA = 'demo-token-anna';

describe('ReorderIntent over POST /alexa', () => {
  let server: TestServer;
  let sessionId: string;
  let n = 0;
  before(async () => {
    server = await startTestServer({ now: '2026-11-22T10:00:00+01:00' });
  });
  beforeEach(() => {
    sessionId = `amzn1.echo-api.session.reorder-${++n}`;
  });
  after(() => server.close());

  async function annaOrders(): Promise<number> {
    const customer = await server.deps.commerce.customerByToken(ANNA);
    return (await server.deps.commerce.listOrders(customer!.id)).length;
  }

  async function offer(locale = 'de-DE') {
    const a = await askIntent(server, 'ReorderIntent', { locale, accessToken: ANNA, sessionId, isNew: true });
    assert.equal(a.end, false);
    assert.equal(a.directives[0]?.type, 'Dialog.ConfirmIntent');
    assert.equal(a.attributes.pending?.kind, 'reorder');
    return a;
  }

  test('reads back seller, items, unavailable ones, delivery and total, then asks', async () => {
    const a = await offer();
    assert.match(a.speech, /Deine letzte Bestellung 10042 bei Lindenhof Markt: 2 mal Bio-Hafermilch 1 l/);
    assert.match(a.speech, /Nicht mehr lieferbar ist Sojadrink 1 l/);
    assert.match(a.speech, /Zusammen \d+,\d\d €, inklusive \d+,\d\d € Mehrwertsteuer und Versand\./);
    assert.match(a.speech, /Soll ich das so bestellen\?$/);
    const en = await offer('en-US');
    assert.match(en.speech, /Your last order 10042 from Lindenhof Markt: 2 times Organic Oat Milk 1 l/);
    assert.match(en.speech, /Shall I place this order\?$/);
  });

  test('confirmed: placed exactly once, and a repeated confirmation places nothing more', async () => {
    const before = await annaOrders();
    const offered = await offer();
    const confirm = { accessToken: ANNA, sessionId, attributes: offered.attributes, confirmationStatus: 'CONFIRMED' as const };
    const first = await askIntent(server, 'ReorderIntent', confirm);
    assert.match(first.speech, /Erledigt! Deine Bestellung (\d+) bei Lindenhof Markt über \d+,\d\d € ist eingegangen/);
    // The session stays open only for the feedback question (issue 17), never for the order.
    assert.equal(first.end, first.attributes.pending?.kind !== 'feedback-consent' && first.attributes.pending?.kind !== 'feedback');
    const number = /Bestellung (\d+) bei/.exec(first.speech)![1];
    const again = await askIntent(server, 'ReorderIntent', confirm);
    assert.match(again.speech, new RegExp(`schon aufgegeben, sie hat die Nummer ${number}`));
    assert.equal(await annaOrders(), before + 1);
  });

  test('concurrent duplicate confirmations place one order', async () => {
    const before = await annaOrders();
    const offered = await offer();
    const confirm = { accessToken: ANNA, sessionId, attributes: offered.attributes, confirmationStatus: 'CONFIRMED' as const };
    const answers = await Promise.all([1, 2, 3, 4].map(() => askIntent(server, 'ReorderIntent', confirm)));
    assert.equal(answers.filter((a) => /Erledigt!/.test(a.speech)).length, 1);
    assert.equal(await annaOrders(), before + 1);
  });

  test('a yes through AMAZON.YesIntent confirms too', async () => {
    const before = await annaOrders();
    const offered = await offer('en-US');
    const yes = await askIntent(server, 'AMAZON.YesIntent', { locale: 'en-US', accessToken: ANNA, sessionId, attributes: offered.attributes });
    assert.match(yes.speech, /Done! Your order \d+ from Lindenhof Markt/);
    assert.equal(await annaOrders(), before + 1);
  });

  test('denied: nothing is ordered', async () => {
    const before = await annaOrders();
    const offered = await offer();
    const no = await askIntent(server, 'ReorderIntent', { accessToken: ANNA, sessionId, attributes: offered.attributes, confirmationStatus: 'DENIED' });
    assert.match(no.speech, /In Ordnung, ich bestelle nichts\./);
    const noIntent = await askIntent(server, 'AMAZON.NoIntent', { accessToken: ANNA, sessionId, attributes: offered.attributes });
    assert.match(noIntent.speech, /ich bestelle nichts/);
    assert.equal(await annaOrders(), before);
  });

  test('an order with nothing left to buy cannot be repeated', async () => {
    const a = await askIntent(server, 'ReorderIntent', { accessToken: 'demo-token-emma', sessionId });
    assert.match(a.speech, /nichts mehr lieferbar/);
    assert.equal(a.directives.length, 0);
  });

  test('without a linked account nothing is read back', async () => {
    const a = await askIntent(server, 'ReorderIntent', { sessionId });
    assert.equal(a.card?.type, 'LinkAccount');
    assert.doesNotMatch(a.speech, /Hafermilch|10042/);
  });
});
