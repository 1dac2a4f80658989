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
