// `shopvoice models coverage FILE`: the sentences only the statistical recogniser understands,
// grouped by intent, as samples to add.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runModels } from '../../src/cli/commands/models.js';
import { captureIo } from './support/capture-io.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shopvoice-coverage-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const NOW = '2026-11-24T10:00:00+01:00';

describe('models coverage', () => {
  it('lists per intent what only the statistical recogniser understands; samples and nonsense apart', async () => {
    const file = join(dir, 'transcript.txt');
    await writeFile(file, [
      '# from last week\'s transcripts',
      'wo ist mein paket',
      'kann mich morgen jemand aus dem kundenservice zurückrufen',
      'stell einen wecker auf sieben uhr',
      'wo ist mein paket',
      '',
    ].join('\n'));
    const io = captureIo();
    assert.equal(await runModels(['coverage', file, '--locale', 'de-DE', '--now', NOW], io, {}), 0, io.text());
    assert.deepEqual(io.lines.slice(0, 2).map((l) => l.replace(/\s+\d\.\d\d$/, '')), ['HumanHandoffIntent (1)', '  kann mich morgen jemand aus dem kundenservice zurückrufen']);
    assert.match(io.text(), /not understood \(1\)\n {2}stell einen wecker auf sieben uhr/);
    assert.match(io.lines.at(-1)!, /^models coverage: 3 sentences, 1 matched by a sample, 1 only by the statistical recogniser .*, 1 not understood \(alexa de-DE\)$/);
  });

  it('reads the say: steps of a conversation script; --json for tools', async () => {
    const file = join(dir, 'script.yaml');
    await writeFile(file, [
      'name: coverage', 'locales: [en-US]', 'steps:',
      '  - say: where is my order', '    expect: { intent: OrderStatusIntent }',
      '  - say: do you guys happen to accept apple pay', '    expect: { intent: ShopFaqIntent }',
      '',
    ].join('\n'));
    const io = captureIo();
    assert.equal(await runModels(['coverage', file, '--locale', 'en-US', '--platform', 'google', '--now', NOW, '--json'], io, {}), 0, io.text());
    const report = JSON.parse(io.lines[0]!);
    assert.equal(report.total, 2);
    assert.equal(report.literal, 1);
    assert.deepEqual(Object.keys(report.samplesToAdd), ['ShopFaqIntent']);
    assert.equal(report.samplesToAdd.ShopFaqIntent[0].sentence, 'do you guys happen to accept apple pay');
  });

  it('without a file: usage, exit 2', async () => {
    const io = captureIo();
    assert.equal(await runModels(['coverage'], io, {}), 2);
    assert.match(io.text(), /models coverage FILE/);
  });
});
