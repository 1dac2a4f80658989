import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSessionState, SESSION_CAPS, writeSessionState } from '../../src/domain/session-state.js';
import type { SessionState } from '../../src/domain/turn.js';

const id = (c: string) => c.repeat(SESSION_CAPS.idChars);
const ids = (c: string) => Array.from({ length: SESSION_CAPS.listItems }, (_, i) => `${i}${c.repeat(SESSION_CAPS.idChars - 1)}`);

/**
 * Every field at its cap, text in two-byte letters: the largest state the domain can write.
 * `Required` makes a new SessionState field a compile error here until it has a cap and a reader.
 */
const FULL: Required<SessionState> = {
  misses: SESSION_CAPS.misses,
  pending: { kind: 'reorder', orderNumber: id('9'), totalCents: Number.MAX_SAFE_INTEGER },
  choices: ids('c'),
  orders: ids('o'),
  lastIntent: 'A'.repeat(SESSION_CAPS.intentChars),
  products: ids('p'),
  product: id('p'),
  store: id('s'),
  day: '2026-12-24',
  order: id('8'),
  said: { ssml: 'ü'.repeat(SESSION_CAPS.saidChars), reprompt: 'ö'.repeat(SESSION_CAPS.repromptChars) },
  recent: Array.from({ length: SESSION_CAPS.recentTurns }, () => 'ä'.repeat(SESSION_CAPS.recentChars)),
};

test('a state with every field at its cap survives writing and reading unchanged', () => {
  assert.deepEqual(readSessionState(JSON.parse(JSON.stringify(writeSessionState(FULL)))), FULL);
  assert.deepEqual(Object.keys(FULL).sort(), ['choices', 'day', 'lastIntent', 'misses', 'order', 'orders', 'pending', 'product', 'products', 'recent', 'said', 'store']);
});

test('filled to every cap, the state stays small: within 8 KiB, so speech and reprompt keep 16 KiB of Alexa\'s 24 KiB', () => {
  const json = JSON.stringify(writeSessionState(FULL));
  const bytes = Buffer.byteLength(json, 'utf8');
  assert.ok(bytes <= 8 * 1024, `${bytes} bytes`);
  // The Dialogflow adapter refuses a state of more than 8 KiB characters coming back.
  assert.ok(json.length <= 8 * 1024, `${json.length} characters`);
  // Alexa's whole response: 8000 characters of SSML speech and of reprompt at most (platform-rules.md).
  const response = JSON.stringify({ version: '1.0', sessionAttributes: writeSessionState(FULL), response: {
    outputSpeech: { type: 'SSML', ssml: `<speak>${'a'.repeat(7985)}</speak>` },
    reprompt: { outputSpeech: { type: 'SSML', ssml: `<speak>${'a'.repeat(7985)}</speak>` } }, shouldEndSession: false } });
  assert.ok(Buffer.byteLength(response) <= 24_576, `${Buffer.byteLength(response)} bytes`);
});

test('anything over a cap or of the wrong shape is dropped, foreign keys are never kept', () => {
  const state = readSessionState({
    misses: 99, evil: 'x'.repeat(30_000), choices: [...ids('c'), 'one-too-many'], orders: ['10042', 7],
    product: 'x'.repeat(SESSION_CAPS.idChars + 1), store: 'S-MUC<script>', day: '24.12.2026', lastIntent: 'Not an intent!',
    pending: { kind: 'reorder', orderNumber: '10042', totalCents: -1 },
    said: { ssml: 'x'.repeat(SESSION_CAPS.saidChars + 1) }, order: '10042', __proto__: { polluted: true },
  });
  assert.deepEqual(state, { misses: SESSION_CAPS.misses, choices: ids('c'), order: '10042' });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(readSessionState('junk'), {});
  assert.deepEqual(readSessionState([1, 2]), {});
  assert.deepEqual(readSessionState({ pending: { kind: 'product', productId: 'P-1001' } }), { pending: { kind: 'product', productId: 'P-1001' } });
  assert.deepEqual(readSessionState({ pending: { kind: 'handoff', extra: 1 } }), { pending: { kind: 'handoff' } });
  // A callback offer (issue 17): its source is one of two, its reason capped; the last turns at most three.
  assert.deepEqual(readSessionState({ pending: { kind: 'callback', reason: 'ProductLookupIntent (ok)', source: 'account' } }), { pending: { kind: 'callback', reason: 'ProductLookupIntent (ok)', source: 'account' } });
  assert.deepEqual(readSessionState({ pending: { kind: 'callback', reason: 'x', source: 'guess' } }), {});
  assert.deepEqual(readSessionState({ recent: ['a', 'b', 'c', 'd'] }), { recent: ['b', 'c', 'd'] });
  assert.deepEqual(readSessionState({ recent: ['a', 7] }), {});
});

test('writing drops what reading would drop, so a written state can always be read back', () => {
  const written = writeSessionState({ misses: -1, product: 'P 1001', said: { ssml: '' } } as SessionState);
  assert.deepEqual(written, {});
});
