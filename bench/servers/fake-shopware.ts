// The Shopware 6 Store API stand-in of the tests (test/support/fake-shopware.ts: every request
// and response validated against the OpenAPI document @shopware/api-client ships), answering from
// an embedded demo shop of its own, for the bench's Shopware scenarios. Prints
// `fake-shopware <url>` once listening; on SIGTERM prints the schema violations it saw and exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { startFakeShopware } from '../../test/support/fake-shopware.js';

const dir = mkdtempSync(join(tmpdir(), 'shopvoice-bench-fake-shopware-'));
const backing = await openEmbeddedShop({ dataDir: dir });
const fake = await startFakeShopware(backing);
process.stdout.write(`fake-shopware ${fake.url}\n`);
process.once('SIGTERM', () => {
  const calls = [...fake.calls].map(([op, n]) => `${op} ${n}`).join(', ');
  process.stdout.write(`fake-shopware calls: ${calls}\nfake-shopware violations: ${fake.violations.length}\n${fake.violations.slice(0, 5).join('\n')}\n`);
  void fake.close().then(() => backing.close()).finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
