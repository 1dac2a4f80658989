// simulator.md 14: the same scripts run against Alexa and Google, in process and against a
// running server. This is the test that runs every script in test/conversations/ in `npm test`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { planRuns, type ScriptRun } from '../../src/simulator/run-script.js';
import { DEFAULT_SCRIPTS_DIR, loadScripts, runScripts, scriptFiles } from '../../src/simulator/run-scripts.js';
import type { ConversationScript } from '../../src/simulator/script-format.js';
import { mergeExpectations } from '../../src/simulator/script-expectations.js';
import { TEST_SKILL_ID } from '../support/alexa-requests.js';
import { startTestServer } from '../support/test-server.js';

const models = openModelSet(defaultModelsRoot());

function failures(runs: ScriptRun[]): string {
  return runs
    .filter((r) => !r.passed)
    .flatMap((r) => r.steps.flatMap((s) => s.failures.map((f) => `${r.script.file} [${r.platform} ${r.locale}] ${s.label}: ${f}`)))
    .join('\n');
}

describe('14. conversation scripts on both platforms', () => {
  let scripts: ConversationScript[];
  before(async () => {
    scripts = await loadScripts(await scriptFiles([DEFAULT_SCRIPTS_DIR]));
  });

  test('at least 40 scripts, covering every shared intent in German and in English', () => {
    assert.ok(scripts.length >= 40, `${scripts.length} scripts`);
    const covered = new Set<string>();
    for (const script of scripts) {
      const language = script.locales.some((l) => l.startsWith('de')) ? 'de' : 'en';
      for (const step of script.steps) {
        for (const platform of ['alexa', 'google'] as const) {
          const intent = mergeExpectations(step.expect, step.expectFor[platform]).intent;
          if (intent) covered.add(`${language} ${intent}`);
        }
      }
    }
    const missing = ['de', 'en'].flatMap((l) => [...SHARED_INTENT_NAMES, 'LaunchRequest'].filter((i) => !covered.has(`${l} ${i}`)).map((i) => `${l} ${i}`));
    assert.deepEqual(missing, []);
  });

  test('every script sets its clock, so it means the same on any day it runs', () => {
    assert.deepEqual(scripts.filter((s) => !s.clock).map((s) => s.name), []);
  });

  test('every script passes on Alexa and on Google, in process', async () => {
    // Scripts all carry a clock (above); this one would only show if one lost it.
    const runs = await runScripts(scripts, { models, now: '1999-01-01T00:00:00+01:00' });
    assert.deepEqual(new Set(runs.map((r) => r.platform)), new Set(['alexa', 'google']));
    assert.ok(runs.length >= 2 * 40, `${runs.length} runs`);
    assert.equal(failures(runs), '');
  });
});

describe('14. follow-ups keep their context over HTTP too (issue 14)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
  });
  after(() => server.close());

  test('pronouns, variants, ordinals, "the cheaper one", store and day follow-ups, repeats and mis-routed phrases, against POST /alexa and POST /google', async () => {
    const names = [
      '54-followup-price-pronoun-en', '56-followup-still-there-en', '58-followup-colour-en', '61-followup-ordinal-de', '63-followup-cheaper-de',
      '64-followup-cheaper-en', '65-followup-refine-de', '68-followup-store-en', '70-followup-day-en', '71-repeat-answer-de',
      '77-misrouted-shipping-de', '78-misrouted-shipping-en', '79-misrouted-hours-de', '96-store-weekend-de', '97-store-opening-hours-en',
    ];
    const chosen = (await loadScripts(await scriptFiles([DEFAULT_SCRIPTS_DIR]))).filter((s) => names.includes(s.name));
    assert.equal(chosen.length, names.length);
    const runs: ScriptRun[] = [];
    for (const script of chosen) {
      server.setNow(script.clock!);
      runs.push(...(await runScripts([script], { models, endpoint: server.url, skillId: TEST_SKILL_ID, now: script.clock! })));
    }
    assert.deepEqual(new Set(runs.map((r) => r.platform)), new Set(['alexa', 'google']));
    assert.equal(failures(runs), '');
  });
});

describe('14. the same scripts against a running server over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
  });
  after(() => server.close());

  test('scripts that do not change the shop pass against POST /alexa and POST /google', async () => {
    const chosen = (await loadScripts(await scriptFiles([DEFAULT_SCRIPTS_DIR]))).filter((s) =>
      ['product-one-shot-de', 'order-status-latest-de', 'store-hours-day-store-de', 'fallback-de', 'help-en', 'reorder-no-en', 'faq-de'].includes(s.name),
    );
    assert.equal(chosen.length, 7);
    const runs: ScriptRun[] = [];
    for (const script of chosen) {
      // The test server's clock stands in for the script's (a real server keeps its own).
      server.setNow(script.clock!);
      runs.push(...(await runScripts([script], { models, endpoint: server.url, skillId: TEST_SKILL_ID, now: script.clock! })));
    }
    assert.equal(runs.length, chosen.flatMap((s) => planRuns(s)).length);
    assert.deepEqual(new Set(runs.map((r) => r.platform)), new Set(['alexa', 'google']));
    assert.equal(failures(runs), '');
  });
});
