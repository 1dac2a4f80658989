// simulator.md 13: exact, contains and regex are distinct and explicit; SSML is removed first;
// expectations on intent, slots, speech, reprompt, card, directives and session end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTurn, readExpectation } from '../../src/simulator/script-expectations.js';
import { parseScript, ScriptError } from '../../src/simulator/script-format.js';
import { speechText, type TurnResult } from '../../src/simulator/turn-result.js';

const turn: TurnResult = {
  utterance: 'habt ihr müsli',
  platform: 'alexa',
  locale: 'de-DE',
  kind: 'intent',
  intent: 'ProductLookupIntent',
  invocation: 'none',
  slots: { product: { value: 'müsli', id: 'P-2002', name: 'Müsli', status: 'ER_SUCCESS_MATCH' }, day: {} },
  confirmationStatus: 'NONE',
  runnerUps: [{ intent: 'ShopFaqIntent', sample: 'x', words: 1, typed: 0, score: 1 }],
  match: 'literal',
  score: 1,
  speech: speechText('<speak>Müsli kostet <say-as interpret-as="unit">3,49 €</say-as>.<break time="300ms"/> Sonst noch etwas?</speak>'),
  reprompt: 'Sonst noch etwas?',
  card: { type: 'Simple', title: 'Müsli', text: 'kostet 3,49 €' },
  directives: [{ type: 'Dialog.ElicitSlot' }],
  endSession: false,
  state: { lastIntent: 'ProductLookupIntent', pending: { kind: 'reorder', totalCents: 1600 } },
  sessionId: 's',
  newSession: false,
  inDialog: false,
  answeredByDialog: false,
  status: 200,
  request: {},
  response: {},
};

const check = (raw: object) => checkTurn(turn, readExpectation(raw, 'test'));

describe('13. expectations', () => {
  test('SSML is removed before comparing', () => {
    assert.equal(turn.speech, 'Müsli kostet 3,49 €. Sonst noch etwas?');
    assert.equal(speechText('<speak>A &amp; B &lt;3 &apos;x&apos;</speak>'), "A & B <3 'x'");
  });

  test('exact, contains and regex are different checks', () => {
    assert.deepEqual(check({ speech: { exact: 'Müsli kostet 3,49 €. Sonst noch etwas?' } }), []);
    assert.equal(check({ speech: { exact: 'Müsli kostet 3,49 €.' } }).length, 1, 'exact is the whole text');
    assert.deepEqual(check({ speech: { contains: 'kostet 3,49 €' } }), []);
    assert.deepEqual(check({ speech: { contains: ['Müsli', 'Sonst'] } }), []);
    assert.equal(check({ speech: { contains: 'müsli kostet' } }).length, 1, 'contains is case-sensitive');
    assert.deepEqual(check({ speech: { regex: '^Müsli kostet \\d+,\\d{2} €\\.' } }), []);
    assert.equal(check({ speech: { regex: 'kostet 3.49' } }).length, 0, 'regex is a pattern ("." matches ",")');
    assert.equal(check({ speech: { exact: 'kostet 3.49' } }).length, 1, 'exact is not a pattern');
    assert.equal(check({ speech: { notContains: 'ausverkauft' } }).length, 0);
    assert.equal(check({ reprompt: { empty: true } }).length, 1);
  });

  test('a bare string or two ways at once is refused: the comparison must be said', () => {
    assert.throws(() => readExpectation({ speech: 'Müsli kostet' }, 'step 1'), ScriptError);
    assert.throws(() => readExpectation({ speech: { exact: 'a', contains: 'b' } }, 'step 1'), /one of exact, contains, regex/);
    assert.throws(() => readExpectation({ speech: { like: 'a' } }, 'step 1'), /one of exact/);
    assert.throws(() => readExpectation({ speeech: { exact: 'a' } }, 'step 1'), /unknown key speeech/);
  });

  test('intent, slots, card, directives, session end, state and runner-ups', () => {
    assert.deepEqual(check({
      intent: 'ProductLookupIntent',
      slots: { product: { value: 'müsli', id: 'P-2002' }, day: null },
      card: { type: 'Simple', title: { exact: 'Müsli' }, text: { contains: '3,49' } },
      directives: ['Dialog.ElicitSlot'],
      endSession: false,
      state: { pending: { kind: 'reorder' } },
      runnerUp: 'ShopFaqIntent',
    }), []);
    const failures = check({
      intent: 'StoreHoursIntent',
      slots: { product: { id: null }, day: '2026-11-28', store: 'münchen' },
      card: false,
      directives: [],
      endSession: true,
      state: { lastIntent: 'HelpIntent' },
      runnerUp: 'OrderStatusIntent',
    });
    assert.deepEqual(failures.map((f) => f.split(':')[0]), [
      'intent', 'slot product', 'slot day', 'slot store', 'card', 'directives', 'endSession', 'state', 'runner-ups',
    ]);
    assert.match(failures[0]!, /expected StoreHoursIntent, got ProductLookupIntent \(runner-ups: ShopFaqIntent\)/);
  });

  test('scripts: platform expectations merge over the common ones; mistakes name file and step', () => {
    const script = parseScript(
      'locales: [de-DE]\nsteps:\n  - say: ja\n    expect:\n      speech: { contains: x }\n      alexa: { intent: ReorderIntent }\n      google: { intent: AMAZON.YesIntent }\n',
      'a.yaml',
    );
    assert.equal(script.steps[0]!.expectFor.alexa?.intent, 'ReorderIntent');
    assert.equal(script.steps[0]!.expectFor.google?.intent, 'AMAZON.YesIntent');
    assert.deepEqual(script.platforms, ['alexa', 'google']);
    assert.throws(() => parseScript('locales: [de-DE]\nsteps:\n  - say: ja\n    expect: { speech: ja }\n', 'b.yaml'), /b\.yaml: step 1: expect\.speech/);
    assert.throws(() => parseScript('locales: [de-DE]\nsteps:\n  - say: ja\n    intent: X\n', 'c.yaml'), /exactly one of say, intent/);
    assert.throws(() => parseScript('steps:\n  - say: ja\n', 'd.yaml'), /name the locale/);
  });
});
