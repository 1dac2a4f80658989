import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recognisedAs } from '../../src/console/simulator-api.js';
import type { TurnResult } from '../../src/simulator/turn-result.js';

const base = { intent: 'ProductLookupIntent', invocation: 'none', runnerUps: [{ intent: 'ShopFaqIntent', sample: 'x', words: 1, typed: 0 }] } as unknown as TurnResult;

test('the recogniser and its confidence where the simulator reports them; literal, explicit or none otherwise', () => {
  assert.deepEqual(recognisedAs({ ...base, recognition: { by: 'statistical', confidence: 0.82 } } as TurnResult), { by: 'statistical', confidence: 0.82, runnerUps: ['ShopFaqIntent'] });
  assert.deepEqual(recognisedAs(base), { by: 'literal', confidence: null, runnerUps: ['ShopFaqIntent'] });
  assert.equal(recognisedAs({ ...base, invocation: 'explicit' }).by, 'explicit');
  assert.equal(recognisedAs({ ...base, intent: 'AMAZON.FallbackIntent' }).by, 'none');
});
