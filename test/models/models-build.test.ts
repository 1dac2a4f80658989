import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { runModels } from '../../src/cli/commands/models.js';
import { zipAgent } from '../../src/models/agent-zip.js';
import { buildModelFiles } from '../../src/models/build-models.js';
import { readCatalog, type CatalogSnapshot } from '../../src/models/catalog-snapshot.js';
import { loadSource } from '../../src/models/load-source.js';
import type { ModelSource } from '../../src/models/model-source.js';
import { captureIo } from './support/capture-io.js';

/** The configuration of an empty environment: the embedded demo shop. */
const deps = { config: loadConfig({}) };

describe('models build', () => {
  let source: ModelSource;
  let catalog: CatalogSnapshot;
  let dataDir: string;

  before(async () => {
    source = (await loadSource('interaction-models/source')).source!;
    dataDir = await mkdtemp(join(tmpdir(), 'models-build-'));
    const shop = await openEmbeddedShop({ dataDir });
    catalog = await readCatalog(shop);
    await shop.close();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('--check passes on the committed models (built from the demo shop)', async () => {
    const io = captureIo();
    const code = await runModels(['build', '--check', '--demo'], io, deps);
    assert.equal(code, 0, io.text());
    assert.match(io.text(), /all \d+ generated files are up to date/);
  });

  it('is deterministic: two builds from two fresh demo shops give the same bytes, zip included', async () => {
    const other = await mkdtemp(join(tmpdir(), 'models-build-'));
    try {
      const shop = await openEmbeddedShop({ dataDir: other });
      const second = buildModelFiles(source, await readCatalog(shop));
      await shop.close();
      const first = buildModelFiles(source, catalog);
      assert.deepEqual(second.files, first.files);
      for (const f of first.files) assert.ok(f.content.endsWith('}\n') || f.content.endsWith(']\n') || f.path.endsWith('.md'), f.path);
      assert.ok((await zipAgent(first.files)).equals(await zipAgent(second.files)));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('fills the product type from the catalog: name as value, product id as id, synonyms without brand and size', async () => {
    const { files } = buildModelFiles(source, catalog);
    const de = JSON.parse(files.find((f) => f.path.endsWith('de-DE.json'))!.content);
    const products = de.interactionModel.languageModel.types.find((t: { name: string }) => t.name === 'ProductName').values;
    assert.equal(products.length, catalog.products.length);
    const oat = products.find((v: { id: string }) => v.id === catalog.products[0]!.id);
    assert.equal(oat.name.value, catalog.products[0]!.name.de);
    for (const v of products) assert.ok(Array.isArray(v.name.synonyms), v.id);
    const asWord = (text: string): RegExp => new RegExp(`(^|\\s)${text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'u');
    const sized = catalog.products.filter((p) => p.size && asWord(p.size).test(p.name.de.toLowerCase()));
    const branded = catalog.products.filter((p) => asWord(p.brand).test(p.name.de.toLowerCase()));
    assert.ok(sized.length > 0 && branded.length > 0, 'the demo shop has names with their size and with their brand');
    const synonymsOf = (id: string): string[] => products.find((v: { id: string }) => v.id === id).name.synonyms;
    for (const p of sized) {
      const synonyms = synonymsOf(p.id);
      assert.ok(synonyms.length > 0 && synonyms.every((s) => !asWord(p.size!).test(s)), `${p.name.de}: ${synonyms.join(' | ')}`);
    }
    for (const p of branded) {
      const synonyms = synonymsOf(p.id);
      assert.ok(synonyms.some((s) => !asWord(p.brand).test(s)), `${p.name.de}: ${synonyms.join(' | ')}`);
    }
    const entries = JSON.parse(files.find((f) => f.path.endsWith('entities/ProductName_entries_en.json'))!.content);
    assert.equal(entries[0].value, catalog.products[0]!.id);
    assert.equal(entries[0].synonyms[0], catalog.products[0]!.name.en);
  });

  it('--check names stale, missing and leftover files and exits 1', async () => {
    const root = await mkdtemp(join(tmpdir(), 'models-stale-'));
    try {
      await cp('interaction-models', root, { recursive: true });
      const de = join(root, 'alexa/skill-package/interactionModels/custom/de-DE.json');
      await writeFile(de, (await readFile(de, 'utf8')).replace('mein einkaufshelfer', 'mein alter laden'));
      await rm(join(root, 'dialogflow/agent/intents/ReorderIntent_usersays_en.json'));
      await writeFile(join(root, 'dialogflow/agent/intents/OldIntent.json'), '{}\n');
      const io = captureIo();
      const code = await runModels(['build', '--check', '--demo', '--root', root], io, deps);
      assert.equal(code, 1);
      const text = io.errors.join('\n');
      assert.match(text, /stale: .*de-DE\.json \(differs\)/);
      assert.match(text, /stale: .*ReorderIntent_usersays_en\.json \(missing\)/);
      assert.match(text, /stale: .*OldIntent\.json \(not generated any more\)/);
      assert.match(text, /3 generated file\(s\) do not match the source and the demo shop; run `shopvoice models build --demo`/);

      const fix = captureIo();
      assert.equal(await runModels(['build', '--demo', '--root', root, '--zip'], fix, deps), 0, fix.text());
      assert.match(fix.text(), /removed .*OldIntent\.json/);
      assert.equal(await runModels(['build', '--check', '--demo', '--root', root], captureIo(), deps), 0);
      const zip = await readFile(join(root, 'dialogflow/agent.zip'));
      assert.equal(zip.readUInt32LE(0), 0x04034b50, 'a zip file');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses to build a broken source and names the problem', async () => {
    const io = captureIo();
    const code = await runModels(['build', '--demo', '--root', 'test/models/fixtures/broken-digits'], io, deps);
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /\[digits-in-sample\].*"wo ist bestellung 4711"/);
    assert.match(io.errors.join('\n'), /nothing was built/);
  });
});

it("a merchant's build goes to its own folder and leaves the repository's demo models untouched", async (t) => {
  const { readdir } = await import('node:fs/promises');
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-merchant-models-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const io = captureIo();
  const merchant = { config: loadConfig({ SHOPVOICE_DATA_DIR: dataDir }) };
  assert.equal(await runModels(['build'], io, merchant), 0, io.text());
  const out = join(dataDir, 'models');
  assert.match(io.text(), new RegExp(`changed in ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.ok((await readdir(join(out, 'alexa/skill-package/interactionModels/custom'))).includes('de-DE.json'));
  assert.ok((await readdir(join(out, 'source'))).includes('de.yaml'), 'a complete model folder: source included');
  const check = captureIo();
  assert.equal(await runModels(['build', '--check', '--demo'], check, merchant), 0, `the repository's models are still current: ${check.text()}`);
});
