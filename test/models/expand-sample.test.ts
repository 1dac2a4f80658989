import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSample, GrammarError } from '../../src/models/expand-sample.js';
import { loadSource } from '../../src/models/load-source.js';

describe('sample grammar', () => {
  it('expands alternatives and optional parts in a stable order, without repeats', () => {
    assert.deepEqual(expandSample('(wann|bis wann) habt ihr [heute|{day}] offen'), [
      'wann habt ihr offen', 'wann habt ihr heute offen', 'wann habt ihr {day} offen',
      'bis wann habt ihr offen', 'bis wann habt ihr heute offen', 'bis wann habt ihr {day} offen',
    ]);
    assert.deepEqual(expandSample('ich hätte gern[e] {product}'), ['ich hätte gern {product}', 'ich hätte gerne {product}']);
    assert.deepEqual(expandSample('(a|a) b'), ['a b']);
    assert.equal(expandSample('(wann|bis wann) (habt|hat) ihr [heute|{day}] (offen|geöffnet|auf)').length, 2 * 2 * 3 * 3);
  });

  it('expands carrier lists, which may use the grammar themselves', () => {
    const carriers = { frage: ['sag mal', 'kannst du mir (sagen|verraten)'] };
    assert.deepEqual(expandSample('[<frage>] wann habt ihr offen', carriers), [
      'wann habt ihr offen', 'sag mal wann habt ihr offen', 'kannst du mir sagen wann habt ihr offen', 'kannst du mir verraten wann habt ihr offen',
    ]);
  });

  it('names the mistake and its column', () => {
    assert.throws(() => expandSample('(a|b c'), (e: unknown) => e instanceof GrammarError && /"\(" is not closed \(column 1\)/.test(e.message));
    assert.throws(() => expandSample('a ] b'), /"\]" closes nothing \(column 3\)/);
    assert.throws(() => expandSample('a | b'), /"\|" outside/);
    assert.throws(() => expandSample('<nichts> da'), /no carrier list <nichts>/);
    assert.throws(() => expandSample('<a>', { a: ['<a>'] }), /refers to itself/);
  });

  it('the committed source uses the grammar: its samples are the expansion of its lines', async () => {
    const { source, problems } = await loadSource('interaction-models/source');
    assert.deepEqual(problems, []);
    for (const lang of source!.languages) {
      const hours = lang.intents.StoreHoursIntent!;
      assert.ok(hours.samples.length > 3 * hours.lines.length, `${lang.language}: ${hours.samples.length} samples from ${hours.lines.length} lines`);
      assert.ok(Object.keys(lang.carriers).length > 0, `${lang.language} has carrier lists`);
    }
  });
});

describe('the checks see the expansion', () => {
  it('a sentence two intents share only after expansion is a duplicate sample, named as expanded', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { validateSource } = await import('../../src/models/validate-source.js');
    const dir = await mkdtemp(join(tmpdir(), 'shopvoice-grammar-'));
    try {
      await cp('test/models/fixtures/minimal/source', dir, { recursive: true });
      const file = join(dir, 'de.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('samples: [kundenservice]', 'samples: ["(kundenservice|hilfe) [bitte]", "am heute offen"]'));
      const { source, problems } = await loadSource(dir);
      assert.deepEqual(problems, []);
      const found = validateSource(source!).filter((p) => p.severity === 'error').map((p) => `${p.rule} ${p.intent} ${p.sample}`);
      assert.ok(found.includes('duplicate-sample AMAZON.HelpIntent hilfe'), found.join('\n'));
      assert.ok(found.includes('ungrammatical-fill HumanHandoffIntent am heute offen'), found.join('\n'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
