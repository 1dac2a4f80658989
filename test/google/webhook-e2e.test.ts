import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { WebhookResponse } from '../../src/platforms/google/webhook-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { basicAuth, contextsAfter, dialogflowRequest, type DialogflowRequestOptions } from './dialogflow-requests.js';

// The real app (createApp) on 127.0.0.1 with the embedded demo shop in a temporary data folder,
// basic auth on, the clock at the seed's "today": Sunday 2026-11-22, 10:00 in Berlin.
const AUTH = { authorization: basicAuth('dialogflow', 'e2e-secret') };
const ANNA = 'demo-token-anna';

let server: TestServer;

async function ask(displayName: string, o: DialogflowRequestOptions = {}): Promise<WebhookResponse> {
  const res = await server.post('/google', dialogflowRequest(displayName, o), AUTH);
  assert.equal(res.status, 200, res.text);
  return res.json as WebhookResponse;
}

function ended(response: WebhookResponse): boolean {
  const session = response.outputContexts?.find((c) => c.name.endsWith('/contexts/shopvoice_session'));
  assert.ok(session, 'the session context is always answered');
  return session.lifespanCount === 0;
}

function assertSays(response: WebhookResponse, facts: string[]): void {
  for (const fact of facts) assert.ok(response.fulfillmentText.includes(fact), `"${fact}" in "${response.fulfillmentText}"`);
  assert.deepEqual(response.fulfillmentMessages[0], { text: { text: [response.fulfillmentText] } });
  assert.doesNotMatch(response.fulfillmentText, /<[a-z]|&amp;|&apos;/, 'plain text, no SSML');
  assert.match(response.payload?.google.richResponse?.items[0]?.simpleResponse.textToSpeech ?? '', /^<speak>.*<\/speak>$/s);
  assert.equal(response.payload?.google.expectUserResponse, !ended(response));
}

before(async () => {
  server = await startTestServer({ now: '2026-11-22T10:00:00+01:00', env: { SHOPVOICE_GOOGLE_AUTH: '', SHOPVOICE_GOOGLE_USER: 'dialogflow', SHOPVOICE_GOOGLE_PASSWORD: 'e2e-secret' } });
});
after(() => server.close());

interface Scenario {
  intent: string;
  options?: DialogflowRequestOptions;
  facts: { de: string[]; en: string[] };
  ends: boolean;
  card?: { de: string; en: string };
}

const SCENARIOS: Record<string, Scenario> = {
  welcome: { intent: 'Default Welcome Intent', facts: { de: ['Willkommen bei Lindenhof Markt!'], en: ['Welcome to Lindenhof Markt!'] }, ends: false },
  product: {
    intent: 'ProductLookupIntent',
    options: { parameters: { product: 'P-1001' }, originals: { product: 'bio hafermilch' } },
    facts: { de: ['Bio-Hafermilch 1 l', '1,49 €', 'vorrätig'], en: ['Organic Oat Milk 1 l', '€1.49', 'in stock'] },
    ends: false,
    card: { de: 'Bio-Hafermilch 1 l', en: 'Organic Oat Milk 1 l' },
  },
  orderStatus: {
    intent: 'OrderStatusIntent',
    options: { parameters: { orderNumber: 10042 }, accessToken: ANNA },
    facts: { de: ['10042', 'DHL', 'übermorgen'], en: ['10042', 'DHL', 'the day after tomorrow'] },
    ends: false,
    card: { de: 'Bestellung 10042', en: 'Order 10042' },
  },
  orderStatusUnlinked: {
    intent: 'OrderStatusIntent',
    options: { parameters: { orderNumber: 10042 } },
    facts: { de: ['verknüpfe dein Kundenkonto'], en: ['link your'] },
    ends: true,
  },
  reorderQuestion: {
    intent: 'ReorderIntent',
    options: { accessToken: ANNA },
    facts: { de: ['10042', 'Sojadrink 1 l', '4,95 €', '16,00 €', 'Soll ich das so bestellen?'], en: ['10042', 'Soy Drink 1 l', '€4.95', '€16.00'] },
    ends: false,
  },
  storeHours: {
    intent: 'StoreHoursIntent',
    options: { parameters: { day: '2026-11-28T12:00:00+01:00', store: 'S-MUC' }, originals: { day: 'am samstag', store: 'filiale münchen' } },
    facts: { de: ['Lindenhof Markt München', 'Am Samstag', '8 bis 18 Uhr'], en: ['Lindenhof Markt Munich', 'on Saturday', '8 am to 6 pm'] },
    ends: false,
  },
  faq: {
    intent: 'ShopFaqIntent',
    options: { parameters: { topic: 'shipping_costs' }, originals: { topic: 'versand' } },
    facts: { de: ['4,95 Euro', '50 Euro'], en: ['4.95 euros', '50 euros'] },
    ends: false,
  },
  handoff: {
    intent: 'HumanHandoffIntent',
    facts: { de: ['+49 89 21 54 37 0', 'service@lindenhof-markt.de'], en: ['+49 89 21 54 37 0', 'service@lindenhof-markt.de'] },
    ends: true,
    card: { de: 'Kundenservice von Lindenhof Markt', en: 'Lindenhof Markt customer service' },
  },
  help: { intent: 'AMAZON.HelpIntent', facts: { de: ['Womit kann ich dir helfen?'], en: ['How can I help?'] }, ends: false },
  stop: { intent: 'AMAZON.StopIntent', facts: { de: ['Bis bald!'], en: ['Goodbye!'] }, ends: true },
  cancel: { intent: 'AMAZON.CancelIntent', facts: { de: ['Bis bald!'], en: ['Goodbye!'] }, ends: true },
  home: { intent: 'AMAZON.NavigateHomeIntent', facts: { de: ['Was möchtest du wissen?'], en: ['What would you like to know?'] }, ends: false },
  fallback: { intent: 'AMAZON.FallbackIntent', facts: { de: ['Das habe ich leider nicht verstanden.'], en: ["Sorry, I didn't get that."] }, ends: false },
  unknownIntent: { intent: 'Default Fallback Intent', facts: { de: ['Das habe ich leider nicht verstanden.'], en: ["Sorry, I didn't get that."] }, ends: false },
  yesAlone: { intent: 'AMAZON.YesIntent', facts: { de: ['Was möchtest du wissen?'], en: ['What would you like to know?'] }, ends: false },
  noAlone: { intent: 'AMAZON.NoIntent', facts: { de: ['Bis bald!'], en: ['Goodbye!'] }, ends: true },
};

for (const language of ['de', 'en'] as const) {
  describe(`POST /google, every intent in ${language}`, () => {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      it(name, async () => {
        const response = await ask(scenario.intent, { ...scenario.options, languageCode: language });
        assertSays(response, scenario.facts[language]);
        assert.equal(ended(response), scenario.ends, 'session end');
        if (scenario.card) {
          const card = response.fulfillmentMessages.find((m) => 'card' in m);
          assert.ok(card && 'card' in card && card.card.title === scenario.card[language], JSON.stringify(response.fulfillmentMessages));
        }
      });
    }
  });
}

describe('POST /google: conversations across turns (state in contexts)', () => {
  async function annasOrderCount(): Promise<number> {
    return (await server.deps.commerce.listOrders('C-1001')).length;
  }

  it('reorder: read back, "ja" places it exactly once; a replayed or repeated "ja" places nothing more', async () => {
    const sessionId = randomUUID();
    const turn = { sessionId, accessToken: ANNA, languageCode: 'de' };
    const before = await annasOrderCount();

    const question = await ask('ReorderIntent', turn);
    assert.equal(ended(question), false);
    assert.ok(question.outputContexts?.some((c) => c.name.endsWith('/contexts/shopvoice_confirm')), 'confirm-intent marked');
    assert.equal(await annasOrderCount(), before, 'nothing placed before the yes');

    const yes = dialogflowRequest('AMAZON.YesIntent', { ...turn, queryText: 'ja', contexts: contextsAfter(question) });
    const placed = (await server.post('/google', yes, AUTH)).json as WebhookResponse;
    assertSays(placed, ['Erledigt!', '16,00 €']);
    const number = /Bestellung (\d+)/.exec(placed.fulfillmentText)?.[1];
    assert.ok(number && number !== '10042', placed.fulfillmentText);
    // Issue 17: the conversation stays open only for the feedback question; the confirmation is gone.
    assert.equal(ended(placed), false);
    assert.match(placed.fulfillmentText, /wie zufrieden du warst\?$/);
    assert.ok(placed.outputContexts?.filter((c) => c.name.endsWith('/contexts/shopvoice_confirm')).every((c) => c.lifespanCount === 0), 'the confirmation context cleared');
    assert.equal(await annasOrderCount(), before + 1);

    // Dialogflow retrying the same call (same contexts) must not order again.
    const replay = (await server.post('/google', yes, AUTH)).json as WebhookResponse;
    assertSays(replay, ['schon aufgegeben', number]);
    // A further "ja" in the same conversation finds no open question.
    const again = await ask('AMAZON.YesIntent', { ...turn, queryText: 'ja', contexts: contextsAfter(placed) });
    assert.doesNotMatch(again.fulfillmentText, /Erledigt/);
    assert.equal(await annasOrderCount(), before + 1, 'placed exactly once');
  });

  it('reorder: "no" places nothing and the conversation goes on', async () => {
    const turn = { sessionId: randomUUID(), accessToken: ANNA, languageCode: 'en' };
    const before = await annasOrderCount();
    const question = await ask('ReorderIntent', turn);
    const no = await ask('AMAZON.NoIntent', { ...turn, queryText: 'no', contexts: contextsAfter(question) });
    assertSays(no, ["All right, I won't order anything."]);
    assert.equal(ended(no), false);
    const state = JSON.parse(String(no.outputContexts?.[0]?.parameters?.state));
    assert.equal(state.pending, undefined);
    assert.equal(await annasOrderCount(), before);
  });

  it('two misunderstandings in a row lead to the hand-off offer', async () => {
    const turn = { sessionId: randomUUID(), languageCode: 'de' };
    const first = await ask('Default Fallback Intent', turn);
    const second = await ask('Default Fallback Intent', { ...turn, contexts: contextsAfter(first) });
    assertSays(second, ['Unser Team hilft dir gern persönlich weiter', '+49 89 21 54 37 0']);
  });

  it('no product named: the question marks the elicited slot in a one-turn context', async () => {
    const response = await ask('ProductLookupIntent', { languageCode: 'en', parameters: { product: '' } });
    assertSays(response, ['Which product are you looking for?']);
    const elicit = response.outputContexts?.find((c) => c.name.endsWith('/contexts/shopvoice_elicit'));
    assert.deepEqual(elicit?.parameters, { intent: 'ProductLookupIntent', slot: 'product' });
    assert.equal(elicit?.lifespanCount, 1);
  });

  it('"which one did you mean?": the free answer fills the elicited slot instead of falling back', async () => {
    const turn = { sessionId: randomUUID(), languageCode: 'de' };
    const asked = await ask('ProductLookupIntent', { ...turn, parameters: { product: 'hafermilch' }, originals: { product: 'hafermilch' } });
    assertSays(asked, ['Welches meinst du?']);
    const answer = await ask('Default Fallback Intent', { ...turn, queryText: 'die Barista', contexts: contextsAfter(asked) });
    assertSays(answer, ['Barista Hafermilch 1 l kostet 2,29 €']);
    const unasked = await ask('Default Fallback Intent', { ...turn, queryText: 'die Barista' });
    assertSays(unasked, ['nicht verstanden']);
  });

  it('a product named by its spoken words only (entity value not a catalog id) is still found', async () => {
    const response = await ask('ProductLookupIntent', { languageCode: 'de', parameters: { product: 'Bio-Hafermilch' } });
    assertSays(response, ['Bio-Hafermilch 1 l', '1,49 €']);
  });
});
