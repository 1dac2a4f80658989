import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { WebhookResponse } from '../../src/platforms/google/webhook-types.js';
import { intentRequest, launchRequest, type SlotInput } from '../support/alexa-requests.js';
import { spoken, startTestServer, type TestServer } from '../support/test-server.js';
import { basicAuth, contextsAfter, dialogflowRequest, type DialogflowRequestOptions } from '../google/dialogflow-requests.js';

// The same conversations through POST /alexa and POST /google, each against its own fresh demo
// shop at the same instant (so placed order numbers match too). Each turn must say exactly the
// same words on both platforms, end (or not) the same way, show the same card, and state the
// facts listed — prices, dates, statuses — so the two adapters cannot drift apart.
const NOW = '2026-11-22T10:00:00+01:00';
const GOOGLE_AUTH = { authorization: basicAuth('dialogflow', 'parity') };

/** A slot in platform-neutral form. */
type NeutralSlot = { entity: string; spoken: string } | { number: number } | { date: string };

interface Turn {
  intent: string;
  slots?: Record<string, NeutralSlot>;
  /** Alexa answers a Dialog.ConfirmIntent with the intent itself; Dialogflow with a yes/no intent. */
  confirm?: 'CONFIRMED' | 'DENIED';
  facts: string[];
  /** Where to link an account differs by platform (the Alexa app vs. the assistant's own): facts only. */
  platformWording?: boolean;
  /**
   * The platforms end differently: Dialogflow ends the conversation after its hand-off intent, so
   * Alexa alone asks the feedback question there (issue 17). Only the facts are compared.
   */
  platformEnding?: boolean;
}

interface Said {
  text: string;
  reprompt: string;
  ended: boolean;
  card?: { title: string; text: string } | 'link-account';
}

const LOCALES = [
  { alexa: 'de-DE', google: 'de' },
  { alexa: 'en-US', google: 'en' },
  { alexa: 'en-GB', google: 'en-gb' },
] as const;

class AlexaSession {
  private attributes: Record<string, unknown> = {};
  private first = true;
  constructor(private server: TestServer, private locale: string, private sessionId: string, private token?: string) {}

  async say(turn: Turn): Promise<Said> {
    // One user per conversation, as Google's user is its session here: what a user was told once
    // (a closure notice at launch, issue 17) is told to both platforms' users alike.
    const o = { locale: this.locale, userId: `amzn1.ask.account.${this.sessionId}`, sessionId: this.sessionId, accessToken: this.token, attributes: this.attributes, isNew: this.first };
    const slots: Record<string, SlotInput> = {};
    for (const [name, slot] of Object.entries(turn.slots ?? {})) {
      slots[name] = 'entity' in slot ? { value: slot.spoken, id: slot.entity, name: slot.spoken } : { value: 'number' in slot ? String(slot.number) : slot.date };
    }
    const body =
      turn.intent === 'launch' ? launchRequest(o)
      : turn.confirm ? intentRequest('ReorderIntent', { ...o, confirmationStatus: turn.confirm })
      : intentRequest(turn.intent, { ...o, slots });
    const res = await this.server.post('/alexa', body);
    assert.equal(res.status, 200, res.text);
    this.first = false;
    this.attributes = res.json.sessionAttributes ?? {};
    const r = res.json.response;
    const card = r.card?.type === 'LinkAccount' ? 'link-account' : r.card ? { title: r.card.title, text: r.card.content } : undefined;
    return { text: spoken(r.outputSpeech?.ssml), reprompt: spoken(r.reprompt?.outputSpeech?.ssml), ended: r.shouldEndSession === true, card };
  }
}

class GoogleSession {
  private last?: WebhookResponse;
  constructor(private server: TestServer, private languageCode: string, private sessionId: string, private token?: string) {}

  async say(turn: Turn): Promise<Said> {
    const parameters: Record<string, unknown> = {};
    const originals: Record<string, string> = {};
    for (const [name, slot] of Object.entries(turn.slots ?? {})) {
      if ('entity' in slot) {
        parameters[name] = slot.entity;
        originals[name] = slot.spoken;
      } else parameters[name] = 'number' in slot ? slot.number : `${slot.date}T12:00:00+01:00`;
    }
    const intent =
      turn.intent === 'launch' ? 'Default Welcome Intent'
      : turn.confirm ? (turn.confirm === 'CONFIRMED' ? 'AMAZON.YesIntent' : 'AMAZON.NoIntent')
      : turn.intent;
    const o: DialogflowRequestOptions = {
      languageCode: this.languageCode, sessionId: this.sessionId, accessToken: this.token, parameters, originals,
      contexts: this.last ? contextsAfter(this.last) : [],
    };
    const res = await this.server.post('/google', dialogflowRequest(intent, o), GOOGLE_AUTH);
    assert.equal(res.status, 200, res.text);
    const response = res.json as WebhookResponse;
    this.last = response;
    const message = response.fulfillmentMessages.find((m) => 'card' in m);
    const google = response.payload?.google;
    return {
      text: response.fulfillmentText,
      reprompt: spoken(google?.noInputPrompts?.[0]?.textToSpeech),
      ended: google ? !google.expectUserResponse : true,
      card: message && 'card' in message ? { title: message.card.title, text: message.card.subtitle ?? '' } : undefined,
    };
  }
}

let alexaServer: TestServer;
let googleServer: TestServer;

before(async () => {
  [alexaServer, googleServer] = await Promise.all([
    startTestServer({ now: NOW }),
    startTestServer({ now: NOW, env: { SHOPVOICE_GOOGLE_AUTH: '', SHOPVOICE_GOOGLE_USER: 'dialogflow', SHOPVOICE_GOOGLE_PASSWORD: 'parity' } }),
  ]);
});
after(async () => {
  await Promise.all([alexaServer.close(), googleServer.close()]);
});

async function conversation(locale: (typeof LOCALES)[number], turns: Turn[], token?: string): Promise<void> {
  const sessionId = randomUUID();
  const alexa = new AlexaSession(alexaServer, locale.alexa, sessionId, token);
  const google = new GoogleSession(googleServer, locale.google, sessionId, token);
  for (const [i, turn] of turns.entries()) {
    const a = await alexa.say(turn);
    const g = await google.say(turn);
    const where = `${locale.alexa} turn ${i + 1} ${turn.intent}`;
    if (turn.platformEnding) {
      for (const fact of turn.facts) assert.ok(a.text.includes(fact) && g.text.includes(fact), `${where}: "${fact}" on both`);
      continue;
    }
    if (!turn.platformWording) assert.equal(g.text, a.text, `${where}: same words`);
    assert.ok(a.text.length > 0, `${where}: something said`);
    assert.equal(g.ended, a.ended, `${where}: same session end`);
    if (!a.ended) assert.equal(g.reprompt, a.reprompt, `${where}: same reprompt`);
    if (a.card === 'link-account') assert.ok(g.card && g.card !== 'link-account' && g.card.title, `${where}: link-account card`);
    else assert.deepEqual(g.card, a.card, `${where}: same card`);
    for (const fact of turn.facts) {
      assert.ok(a.text.includes(fact), `${where}: "${fact}" in "${a.text}"`);
      assert.ok(g.text.includes(fact), `${where}: "${fact}" in "${g.text}"`);
    }
  }
}

const de = LOCALES[0];
const en = LOCALES[1];
const gb = LOCALES[2];

describe('Alexa and Google say the same', () => {
  it('launch, product, store hours, FAQ, help, stop (de)', () =>
    conversation(de, [
      { intent: 'launch', facts: ['Lindenhof Markt'] },
      { intent: 'ProductLookupIntent', slots: { product: { entity: 'P-1001', spoken: 'bio hafermilch' } }, facts: ['Bio-Hafermilch 1 l', '1,49 €', 'vorrätig'] },
      { intent: 'ProductLookupIntent', slots: { product: { entity: 'P-1007', spoken: 'sojadrink' } }, facts: ['Sojadrink 1 l', '1,59 €', 'ausverkauft'] },
      { intent: 'StoreHoursIntent', slots: { day: { date: '2026-11-28' }, store: { entity: 'S-MUC', spoken: 'filiale münchen' } }, facts: ['Am Samstag', '8 bis 18 Uhr'] },
      { intent: 'StoreHoursIntent', slots: { day: { date: '2026-12-24' }, store: { entity: 'S-BER', spoken: 'berlin' } }, facts: ['Heiligabend', '14 Uhr'] },
      { intent: 'ShopFaqIntent', slots: { topic: { entity: 'shipping_costs', spoken: 'versand' } }, facts: ['4,95 Euro'] },
      { intent: 'AMAZON.HelpIntent', facts: ['Womit kann ich dir helfen?'] },
      { intent: 'AMAZON.StopIntent', facts: ['Bis bald!'] },
    ]));

  it('launch, product, store hours, FAQ, navigate home, cancel (en-US and en-GB)', async () => {
    for (const locale of [en, gb]) {
      await conversation(locale, [
        { intent: 'launch', facts: ['Lindenhof Markt'] },
        { intent: 'ProductLookupIntent', slots: { product: { entity: 'P-1001', spoken: 'organic oat milk' } }, facts: ['Organic Oat Milk 1 l', '€1.49'] },
        { intent: 'StoreHoursIntent', slots: { day: { date: '2026-11-27' }, store: { entity: 'S-MUC', spoken: 'munich' } }, facts: ['Friday', 'noon to 8 pm', 'staff meeting'] },
        { intent: 'ShopFaqIntent', slots: { topic: { entity: 'returns', spoken: 'returns' } }, facts: ['30 days'] },
        { intent: 'AMAZON.NavigateHomeIntent', facts: ['What would you like to know?'] },
        { intent: 'AMAZON.CancelIntent', facts: ['Goodbye!'] },
      ]);
    }
  });

  it('order status with a linked account: status, carrier and delivery date', async () => {
    await conversation(de, [{ intent: 'OrderStatusIntent', slots: { orderNumber: { number: 10042 } }, facts: ['10042', 'DHL', 'übermorgen'] }], 'demo-token-anna');
    await conversation(en, [{ intent: 'OrderStatusIntent', slots: { orderNumber: { number: 10039 } }, facts: ['10039', 'delivered'] }], 'demo-token-ben');
    await conversation(gb, [{ intent: 'OrderStatusIntent', facts: ['10044'] }], 'demo-token-david');
    await conversation(de, [{ intent: 'OrderStatusIntent', slots: { orderNumber: { number: 99999 } }, facts: ['99999', 'finde ich in deinem Konto nicht'] }], 'demo-token-anna');
  });

  it('order status without a linked account reveals nothing and explains linking', async () => {
    await conversation(de, [{ intent: 'OrderStatusIntent', slots: { orderNumber: { number: 10042 } }, facts: ['verknüpfe dein Kundenkonto von Lindenhof Markt'], platformWording: true }]);
    await conversation(en, [{ intent: 'ReorderIntent', facts: ['link your Lindenhof Markt account'], platformWording: true }]);
  });

  it('reorder: read-back with total, yes places it (same new order number), on both', async () => {
    await conversation(de, [
      { intent: 'ReorderIntent', facts: ['10042', 'Sojadrink 1 l', '4,95 €', '16,00 €', '2,55 €'] },
      { intent: 'ReorderIntent', confirm: 'CONFIRMED', facts: ['Erledigt!', '16,00 €'] },
    ], 'demo-token-anna');
  });

  it('reorder: no places nothing (en), and a cancelled order with nothing available (de)', async () => {
    await conversation(en, [
      { intent: 'ReorderIntent', facts: ['10043', 'Barista Oat Milk 1 l'] },
      { intent: 'ReorderIntent', confirm: 'DENIED', facts: ["won't order anything"] },
    ], 'demo-token-clara');
    await conversation(de, [{ intent: 'ReorderIntent', facts: ['nichts mehr lieferbar'] }], 'demo-token-emma');
  });

  it('misunderstandings, the hand-off offer, and the hand-off', async () => {
    await conversation(de, [
      { intent: 'AMAZON.FallbackIntent', facts: ['nicht verstanden'] },
      { intent: 'AMAZON.FallbackIntent', facts: ['+49 89 21 54 37 0'] },
      // Issue 17: Alexa offers a callback through the customer profile; Google, without a number, gives the contact.
      { intent: 'HumanHandoffIntent', facts: ['Gern bringe ich dich zu unserem Kundenservice.'], platformEnding: true },
    ]);
  });

  it('a product to choose from, and a question for the product', async () => {
    await conversation(de, [
      { intent: 'ProductLookupIntent', slots: { product: { entity: 'hafermilch', spoken: 'hafermilch' } }, facts: ['Welches meinst du?'] },
      { intent: 'ProductLookupIntent', facts: ['Welches Produkt suchst du?'] },
    ]);
  });
});
