// simulator.md 10–12: sessions, dialogs read in context, per-turn escape hatches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openConversation } from '../../src/simulator/conversation.js';
import { alexaReply, fixtureModels, recordingTransport } from './support.js';

const models = fixtureModels();
const CLOCK = '2026-11-22T10:00:00+01:00';

describe('10. sessions', () => {
  test('Alexa: new only on the first turn, attributes carried, a new session after one ended', async () => {
    let n = 0;
    const transport = recordingTransport({
      alexa: () => {
        n++;
        return alexaReply(`Antwort ${n}`, { attributes: { turn: n }, end: n === 2 });
      },
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: CLOCK });
    const first = await c.turn({ utterance: 'öffne mein testladen' });
    await c.turn({ utterance: 'wo ist meine bestellung' });
    await c.turn({ utterance: 'hilfe' });
    await c.turn({ utterance: 'stopp' });
    const [a, b, d, e] = transport.sent;
    assert.equal(a.request.type, 'LaunchRequest');
    assert.equal(a.session.new, true);
    assert.equal(b.session.new, false);
    assert.equal(b.session.sessionId, a.session.sessionId);
    assert.deepEqual(b.session.attributes, { turn: 1 });
    assert.equal(d.session.new, true, 'the second response ended the session');
    assert.notEqual(d.session.sessionId, a.session.sessionId);
    assert.equal(d.session.attributes, undefined, 'a new session carries no attributes');
    assert.equal(e.session.new, false);
    assert.deepEqual(e.session.attributes, { turn: 3 });
    assert.equal(first.newSession, true);
    assert.equal(first.speech, 'Antwort 1');
  });

  test('a one-shot invocation starts a new session even while one is open', async () => {
    const transport = recordingTransport({ alexa: () => alexaReply('ok') });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'hilfe' });
    await c.turn({ utterance: 'frag mein testladen wo meine bestellung ist' });
    assert.equal(transport.sent[1].session.new, true);
    assert.equal(transport.sent[1].request.intent.name, 'OrderStatusIntent');
  });

  test('Google: contexts come back until their lifespan runs out; an ended conversation clears them', async () => {
    let n = 0;
    const session = (r: any) => r.session;
    const transport = recordingTransport({
      google: (r) => {
        n++;
        if (n === 3) return { fulfillmentText: 'Tschüss', fulfillmentMessages: [], payload: { google: { expectUserResponse: false } }, outputContexts: [{ name: `${session(r)}/contexts/shopvoice_session`, lifespanCount: 0 }] };
        const contexts = [{ name: `${session(r)}/contexts/shopvoice_session`, lifespanCount: 50, parameters: { state: JSON.stringify({ n }) } }];
        if (n === 1) contexts.push({ name: `${session(r)}/contexts/shopvoice_confirm`, lifespanCount: 1, parameters: { state: '' } });
        return { fulfillmentText: `Antwort ${n}`, fulfillmentMessages: [], payload: { google: { expectUserResponse: true } }, outputContexts: contexts };
      },
    });
    const c = await openConversation({ platform: 'google', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    const first = await c.turn({ utterance: 'hilfe' });
    const second = await c.turn({ utterance: 'wo ist meine bestellung' });
    const third = await c.turn({ utterance: 'stopp' });
    const fourth = await c.turn({ utterance: 'hilfe' });
    const names = (r: any) => r.queryResult.outputContexts.map((x: any) => x.name.split('/').pop());
    assert.deepEqual(names(transport.sent[0]), ['__system_counters__']);
    assert.deepEqual(names(transport.sent[1]), ['shopvoice_session', 'shopvoice_confirm', '__system_counters__']);
    assert.deepEqual(names(transport.sent[2]), ['shopvoice_session', '__system_counters__'], 'lifespan 1 lasts one turn');
    assert.equal(transport.sent[1].session, transport.sent[0].session);
    assert.deepEqual(second.state, { n: 2 });
    assert.equal(third.endSession, true);
    assert.deepEqual(names(transport.sent[3]), ['__system_counters__']);
    assert.notEqual(transport.sent[3].session, transport.sent[0].session);
    assert.equal(first.newSession, true);
    assert.equal(second.newSession, false);
    assert.equal(fourth.newSession, true);
  });
});

describe('11. dialogs read in context', () => {
  test('after Dialog.ConfirmIntent, "ja" is the same intent CONFIRMED and "nein" DENIED', async () => {
    const transport = recordingTransport({
      alexa: (e) => (e.request.intent?.confirmationStatus === 'NONE' && e.request.intent?.name === 'OrderStatusIntent'
        ? alexaReply('Wirklich?', { directives: [{ type: 'Dialog.ConfirmIntent', updatedIntent: { name: 'OrderStatusIntent', confirmationStatus: 'NONE', slots: { orderNumber: { name: 'orderNumber', value: '4711', confirmationStatus: 'NONE' } } } }] })
        : alexaReply('ok')),
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'wo ist bestellung vier sieben eins eins' });
    const yes = await c.turn({ utterance: 'ja' });
    assert.equal(transport.sent[1].request.intent.name, 'OrderStatusIntent');
    assert.equal(transport.sent[1].request.intent.confirmationStatus, 'CONFIRMED');
    assert.equal(transport.sent[1].request.dialogState, 'IN_PROGRESS');
    assert.equal(transport.sent[1].request.intent.slots.orderNumber.value, '4711');
    assert.equal(yes.inDialog, true);
    await c.turn({ utterance: 'wo ist bestellung vier sieben eins eins' });
    await c.turn({ utterance: 'nein' });
    assert.equal(transport.sent[3].request.intent.confirmationStatus, 'DENIED');
    await c.turn({ utterance: 'ja' });
    assert.equal(transport.sent[4].request.intent.name, 'AMAZON.YesIntent', 'without an open question "ja" is just yes');
  });

  test('after Dialog.ElicitSlot, a bare "zwei" fills the elicited number slot', async () => {
    const transport = recordingTransport({
      alexa: (e) => (e.request.intent?.slots?.count?.value === undefined && e.request.intent?.name === 'AddToCartIntent'
        ? alexaReply('Wie viele?', { directives: [{ type: 'Dialog.ElicitSlot', slotToElicit: 'count', updatedIntent: { name: 'AddToCartIntent', confirmationStatus: 'NONE', slots: { count: { name: 'count', confirmationStatus: 'NONE' }, product: { name: 'product', value: 'müsli', confirmationStatus: 'NONE' } } } }] })
        : alexaReply('Gemacht')),
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ intent: 'AddToCartIntent', slots: { product: 'müsli' } });
    const two = await c.turn({ utterance: 'zwei' });
    const sent = transport.sent[1].request.intent;
    assert.equal(sent.name, 'AddToCartIntent');
    assert.equal(sent.slots.count.value, '2');
    assert.equal(sent.slots.product.value, 'müsli');
    assert.equal(sent.slots.product.resolutions.resolutionsPerAuthority[0].values[0].value.id, 'P-2002');
    assert.equal(two.speech, 'Gemacht');
    // Built-ins still win while a slot is asked for.
    await c.turn({ intent: 'AddToCartIntent', slots: { product: 'müsli' } });
    await c.turn({ utterance: 'stopp' });
    assert.equal(transport.sent[3].request.intent.name, 'AMAZON.StopIntent');
  });

  test('after Dialog.ConfirmSlot, "nein" sets the slot\'s confirmation status', async () => {
    const transport = recordingTransport({
      alexa: (e) => (e.request.intent?.slots?.orderNumber?.confirmationStatus === 'NONE'
        ? alexaReply('Bestellung 4711?', { directives: [{ type: 'Dialog.ConfirmSlot', slotToConfirm: 'orderNumber', updatedIntent: { name: 'OrderStatusIntent', confirmationStatus: 'NONE', slots: { orderNumber: { name: 'orderNumber', value: '4711', confirmationStatus: 'NONE' } } } }] })
        : alexaReply('ok')),
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'wo ist bestellung 4711' });
    await c.turn({ utterance: 'nein' });
    assert.equal(transport.sent[1].request.intent.slots.orderNumber.confirmationStatus, 'DENIED');
  });

  test('delegated dialogs follow the model\'s prompts, then reach the skill COMPLETED', async () => {
    const transport = recordingTransport({ alexa: () => alexaReply('Gebucht', { end: true }) });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: CLOCK });
    const askDay = await c.turn({ utterance: 'abholung buchen' });
    assert.equal(askDay.speech, 'An welchem Tag?');
    assert.equal(askDay.answeredByDialog, true);
    assert.equal(transport.sent.length, 0, 'auto delegation: the skill is not asked yet');
    assert.equal((await c.turn({ utterance: 'morgen' })).speech, 'Um wie viel Uhr?');
    assert.equal((await c.turn({ utterance: 'halb neun' })).speech, 'Soll ich die Abholung am 2026-11-23 um 08:30 buchen?');
    const done = await c.turn({ utterance: 'ja' });
    assert.equal(done.speech, 'Gebucht');
    const request = transport.sent[0].request;
    assert.equal(request.dialogState, 'COMPLETED');
    assert.equal(request.intent.confirmationStatus, 'CONFIRMED');
    assert.equal(request.intent.slots.day.value, '2026-11-23');
    assert.equal(request.intent.slots.time.value, '08:30');
  });

  test('Dialog.Delegate from the skill hands the turn to the model\'s prompts', async () => {
    const transport = recordingTransport({
      alexa: (e) => (e.request.intent?.slots?.orderNumber?.value === undefined
        ? { version: '1.0', response: { directives: [{ type: 'Dialog.Delegate' }], shouldEndSession: false } }
        : alexaReply('Unterwegs')),
    });
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    const ask = await c.turn({ utterance: 'wo ist meine bestellung' });
    assert.equal(ask.speech, 'Welche Bestellnummer?');
    const answer = await c.turn({ utterance: 'vier sieben eins eins' });
    assert.equal(transport.sent[1].request.intent.slots.orderNumber.value, '4711');
    assert.equal(answer.speech, 'Unterwegs');
  });

  test('Dialogflow: an intent with an input context only matches while it is active', async () => {
    let elicit = true;
    const transport = recordingTransport({
      google: (r) => ({ fulfillmentText: 'ok', fulfillmentMessages: [], payload: { google: { expectUserResponse: true } }, outputContexts: elicit ? [{ name: `${r.session}/contexts/shopvoice_elicit`, lifespanCount: 1 }] : [] }),
    });
    const c = await openConversation({ platform: 'google', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    assert.equal((await c.turn({ utterance: 'zwei' })).intent, 'AMAZON.FallbackIntent');
    elicit = false;
    const chosen = await c.turn({ utterance: 'zwei' });
    assert.equal(chosen.intent, 'ChooseNumberIntent');
    assert.equal(transport.sent[1].queryResult.parameters.count, 2);
    assert.equal((await c.turn({ utterance: 'zwei' })).intent, 'AMAZON.FallbackIntent');
  });
});

describe('12. per-turn escape hatches', () => {
  test('an intent with slots given directly, without recognition', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: CLOCK });
    const r = await c.turn({ intent: 'StoreHoursIntent', slots: { day: 'morgen', store: { value: 'die große filiale', id: 'S-MUC' } } });
    const slots = transport.sent[0].request.intent.slots;
    assert.equal(slots.day.value, '2026-11-23');
    assert.equal(slots.store.value, 'die große filiale');
    assert.equal(slots.store.resolutions.resolutionsPerAuthority[0].values[0].value.id, 'S-MUC');
    assert.equal(r.invocation, 'explicit');
    await c.turn({ intent: 'StoreHoursIntent', slots: { day: '2026-W48-WE' } });
    assert.equal(transport.sent[1].request.intent.slots.day.value, '2026-W48-WE');
  });

  test('the linked-account token, the device\'s interfaces and the clock can change between turns', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: CLOCK });
    await c.turn({ utterance: 'hilfe' });
    c.settings.accessToken = 'demo-token-anna';
    c.settings.interfaces = { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } } };
    c.settings.clock = c.settings.clock.plus({ days: 1 });
    await c.turn({ utterance: 'hilfe' });
    const [before, after] = transport.sent;
    assert.equal(before.context.System.user.accessToken, undefined);
    assert.equal(after.context.System.user.accessToken, 'demo-token-anna');
    assert.equal(after.session.user.accessToken, 'demo-token-anna');
    assert.deepEqual(before.context.System.device.supportedInterfaces, {});
    assert.ok(after.context.System.device.supportedInterfaces['Alexa.Presentation.APL']);
    assert.equal(before.request.timestamp, '2026-11-22T09:00:00Z');
    assert.equal(after.request.timestamp, '2026-11-23T09:00:00Z');
  });

  test('Google gets the token in the Actions-style payload', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'google', locale: 'en-US', models, transport, accessToken: 'demo-token-ben', clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'help' });
    assert.equal(transport.sent[0].originalDetectIntentRequest.payload.user.accessToken, 'demo-token-ben');
  });
});
