// simulator.md 15: scripts exported as Alexa NLU-evaluation annotation sets.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { annotationSetCsv, annotationsFromRuns, writeAnnotationSets } from '../../src/simulator/nlu-eval-export.js';
import { runScripts } from '../../src/simulator/run-scripts.js';
import { parseScript } from '../../src/simulator/script-format.js';
import { alexaReply, fixtureModels, recordingTransport } from './support.js';
import { planRuns, runScript } from '../../src/simulator/run-script.js';

const SCRIPT = `
locales: [de-DE]
clock: 2026-11-22T10:00:00+01:00
steps:
  - say: öffne mein testladen
    expect: { intent: LaunchRequest }
  - say: frag mein testladen wann münchen morgen offen hat
    expect:
      intent: StoreHoursIntent
      slots: { day: "2026-11-23", store: { value: münchen, id: S-MUC } }
  - say: habt ihr knuspermüsli
    expect:
      alexa: { intent: ProductLookupIntent, slots: { product: knuspermüsli } }
  - say: ja
    expect: { intent: ProductLookupIntent }
  - say: wo ist bestellung 4711
    expect: { intent: OrderStatusIntent, slots: { orderNumber: "4711" } }
`;

describe('15. NLU-evaluation annotation sets', () => {
  test('spoken steps with an expected intent become annotations; openings and dialog answers do not', async () => {
    const script = parseScript(SCRIPT, 'nlu.yaml');
    // A stand-in skill that asks to confirm the product lookup, so "ja" is a dialog answer.
    const transport = recordingTransport({
      alexa: (e) => (e.request.intent?.name === 'ProductLookupIntent' ? alexaReply('Sicher?', { directives: [{ type: 'Dialog.ConfirmIntent' }] }) : alexaReply('ok')),
    });
    const [plan] = planRuns(script, ['alexa']);
    const run = await runScript(plan!, fixtureModels(), transport, '2026-11-24T10:00:00+01:00');
    const sets = annotationsFromRuns([run]);
    assert.deepEqual([...sets.keys()], ['de-DE']);
    assert.deepEqual(sets.get('de-DE'), [
      { utterance: 'wann münchen morgen offen hat', referenceTimestamp: '2026-11-22T09:00:00.000Z', intent: 'StoreHoursIntent', slots: { day: '2026-11-23', store: 'münchen' } },
      { utterance: 'habt ihr knuspermüsli', referenceTimestamp: '2026-11-22T09:00:00.000Z', intent: 'ProductLookupIntent', slots: { product: 'knuspermüsli' } },
      { utterance: 'wo ist bestellung 4711', referenceTimestamp: '2026-11-22T09:00:00.000Z', intent: 'OrderStatusIntent', slots: { orderNumber: '4711' } },
    ]);
  });

  test('written as SMAPI JSON and CSV, one pair of files per locale', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nlu-eval-'));
    try {
      // The real backend does not know the fixture's dialog; the steps before "ja" are enough.
      const script = parseScript(SCRIPT.replace(/  - say: ja\n.*\n/, ''), 'nlu.yaml');
      const runs = await runScripts([script], { models: fixtureModels(), platforms: ['alexa'], now: '2026-11-24T10:00:00+01:00' });
      const files = await writeAnnotationSets(dir, annotationsFromRuns(runs));
      assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['de-DE.json', 'de-DE.csv']);
      const json = JSON.parse(await readFile(join(dir, 'de-DE.json'), 'utf8'));
      assert.deepEqual(json.data[0], {
        inputs: { utterance: 'wann münchen morgen offen hat', referenceTimestamp: '2026-11-22T09:00:00.000Z' },
        expected: [{ intent: { name: 'StoreHoursIntent', slots: { day: { value: '2026-11-23' }, store: { value: 'münchen' } } } }],
      });
      const csv = (await readFile(join(dir, 'de-DE.csv'), 'utf8')).split('\n');
      assert.equal(csv[0], 'utterance,referenceTimestamp,intent,slot[day],slot[orderNumber],slot[product],slot[store]');
      assert.equal(csv[1], 'wann münchen morgen offen hat,2026-11-22T09:00:00.000Z,StoreHoursIntent,2026-11-23,,,münchen');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('CSV fields with commas or quotes are quoted', () => {
    const csv = annotationSetCsv([{ utterance: 'say "hi", please', referenceTimestamp: 't', intent: 'I', slots: {} }]);
    assert.equal(csv.split('\n')[1], '"say ""hi"", please",t,I');
  });
});
