import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/cli/commands/shop-search.js';

async function search(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('shopvoice shop search', () => {
  let dataDir: string;
  let previous: string | undefined;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'shopvoice-search-'));
    previous = process.env.SHOPVOICE_DATA_DIR;
    process.env.SHOPVOICE_DATA_DIR = dataDir;
  });
  after(() => {
    if (previous === undefined) delete process.env.SHOPVOICE_DATA_DIR;
    else process.env.SHOPVOICE_DATA_DIR = previous;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints exactly one JSON line in the contract shape with --json', async () => {
    const { code, out } = await search('--json', 'nike air max neunzig');
    assert.equal(code, 0);
    assert.equal(out.length, 1);
    const result = JSON.parse(out[0]!) as { query: string; candidates: Array<{ id: string; name: string; score: number }>; decision: string };
    assert.deepEqual(Object.keys(result), ['query', 'candidates', 'decision']);
    assert.equal(result.query, 'nike air max neunzig');
    assert.equal(result.decision, 'answer');
    assert.equal(result.candidates[0]?.name, 'Nike Air Max 90');
    for (const c of result.candidates) assert.deepEqual(Object.keys(c), ['id', 'name', 'score']);
  });

  it('names products in the locale language and shows the ask decision', async () => {
    const { code, out } = await search('--locale', 'en-GB', '--json', 'oat milk');
    assert.equal(code, 0);
    const result = JSON.parse(out[0]!) as { candidates: Array<{ name: string }>; decision: string };
    assert.equal(result.decision, 'ask');
    assert.ok(result.candidates.some((c) => c.name === 'Barista Oat Milk 1 l'));
  });

  it('prints a ranked, readable list without --json', async () => {
    const { code, out } = await search('hafer milch');
    assert.equal(code, 0);
    assert.match(out[0]!, /^"hafer milch" \(de-DE\): ask/);
    assert.match(out[1]!, /^ {3}1\. 0\.\d{3} {2}\S+ +\S/);
  });

  it('says nothing found, and rejects bad input with exit code 2', async () => {
    const none = await search('--json', 'xylophon');
    assert.equal(JSON.parse(none.out[0]!).decision, 'none');
    assert.equal((await search()).code, 2);
    assert.equal((await search('--locale', 'fr-FR', 'lait')).code, 2);
    assert.equal((await search('--bogus', 'x')).code, 2);
  });
});
