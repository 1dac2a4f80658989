import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runModels } from '../../src/cli/commands/models.js';
import { invocationNameProblems, sampleTextProblems } from '../../src/models/sample-rules.js';
import { captureIo } from './support/capture-io.js';

async function validate(root: string): Promise<{ code: number; errors: string[]; text: string }> {
  const io = captureIo();
  const code = await runModels(['validate', '--root', root], io, {});
  return { code, errors: io.errors.filter((l) => l.startsWith('error ')), text: io.text() };
}

/** Each broken fixture is minimal/ with one defect; validate must name it (rule, file, intent, sample). */
const BROKEN: Array<{ fixture: string; rule: string; message: RegExp }> = [
  { fixture: 'broken-invocation-name', rule: 'invocation-name', message: /source\/de\.yaml: "alexa laden app": the invocation name must not contain "alexa", "app"/ },
  { fixture: 'broken-undeclared-placeholder', rule: 'undeclared-placeholder', message: /de\.yaml › ProductLookupIntent › "habt ihr \{produkt\}": \{produkt\} is not a slot of ProductLookupIntent/ },
  { fixture: 'broken-undefined-slot-type', rule: 'undefined-slot-type', message: /en\.yaml › StoreHoursIntent: slot "store" has type StoreName, which is neither a built-in type nor defined/ },
  { fixture: 'broken-duplicate-sample', rule: 'duplicate-sample', message: /en\.yaml › AMAZON\.HelpIntent › "help": the same sample is also in HumanHandoffIntent/ },
  { fixture: 'broken-digits', rule: 'digits-in-sample', message: /de\.yaml › OrderStatusIntent › "wo ist bestellung 4711": spell numbers out/ },
  { fixture: 'broken-missing-built-in', rule: 'missing-built-in', message: /en\.yaml › AMAZON\.StopIntent: the required built-in intent AMAZON\.StopIntent is missing/ },
  { fixture: 'broken-no-samples', rule: 'no-samples', message: /en\.yaml › ReorderIntent: ReorderIntent has no samples in en/ },
  { fixture: 'broken-unknown-intent', rule: 'unknown-intent', message: /de\.yaml › GossipIntent: GossipIntent is not in src\/domain\/intents\.ts/ },
  { fixture: 'broken-size-limit', rule: 'size-limit', message: /de\.yaml: slot type FaqTopic, value returns: .* is longer than 140 characters/ },
  { fixture: 'broken-missing-synonyms', rule: 'missing-synonyms', message: /de-DE\.json: slot type StoreName, value S-1 \("Lindenhof Markt München"\): "synonyms" must be an array/ },
  { fixture: 'broken-dialogflow-parameter', rule: 'parameter-mismatch', message: /StoreHoursIntent\.json › StoreHoursIntent › "when does Lindenhof Markt München open": part .* has alias shop \/ meta @StoreName, but no parameter/ },
  { fixture: 'broken-yaml', rule: 'yaml-syntax', message: /de\.yaml: .* at line 18, column 3/ },
];

describe('models validate', () => {
  it('passes on the committed models (source, three Alexa locales, Dialogflow agent)', async () => {
    const { code, text } = await validate('interaction-models');
    assert.equal(code, 0, text);
    assert.match(text, /0 error\(s\), 0 warning\(s\); checked source \(de, en\), alexa de-DE, alexa en-GB, alexa en-US, alexa skill.json, dialogflow agent/);
  });

  it('passes on the minimal fixture the broken ones derive from (warnings only)', async () => {
    const { code, errors, text } = await validate('test/models/fixtures/minimal');
    assert.equal(code, 0, text);
    assert.deepEqual(errors, []);
    assert.match(text, /\[few-samples\]/);
  });

  for (const { fixture, rule, message } of BROKEN) {
    it(`fails on ${fixture} with [${rule}]`, async () => {
      const { code, errors, text } = await validate(`test/models/fixtures/${fixture}`);
      assert.equal(code, 1, text);
      const own = errors.filter((e) => e.includes(`[${rule}]`));
      assert.ok(own.some((e) => message.test(e)), `expected ${message} in:\n${text}`);
      // The defect is the only one, apart from what follows from a file that cannot be read.
      const others = errors.filter((e) => !e.includes(`[${rule}]`) && !e.includes('[missing-locale]'));
      assert.deepEqual(others, []);
    });
  }
});

describe('invocation-name and sample rules', () => {
  it('accepts the chosen names and rejects digits, capitals, wake words and launch words', () => {
    assert.deepEqual(invocationNameProblems('mein einkaufshelfer', 'de'), []);
    assert.deepEqual(invocationNameProblems('my shop helper', 'en'), []);
    assert.match(invocationNameProblems('shop 24', 'en').join(), /no digits/);
    assert.match(invocationNameProblems('My Shop', 'en').join(), /lower case/);
    assert.match(invocationNameProblems('echo shop', 'en').join(), /must not contain "echo"/);
    assert.match(invocationNameProblems('öffne laden', 'de').join(), /launch word "öffne"/);
    assert.match(invocationNameProblems('ask the shop', 'en').join(), /launch word "ask"/);
  });

  it('allows letters, apostrophes, periods, hyphens and {slot}; flags digits and other punctuation', () => {
    assert.deepEqual(sampleTextProblems("where's order {orderNumber}"), []);
    assert.deepEqual(sampleTextProblems('gibt es {product} im e-shop'), []);
    assert.equal(sampleTextProblems('bestellung 12')[0]?.rule, 'digits-in-sample');
    assert.equal(sampleTextProblems('habt ihr {product}?')[0]?.rule, 'invalid-characters');
  });
});
