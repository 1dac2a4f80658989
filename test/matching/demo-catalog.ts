import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Product } from '../../src/catalog/commerce.js';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';

/** The embedded demo shop's products, from a fresh seeded database in a temporary folder. */
export async function loadDemoProducts(): Promise<Product[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopvoice-matching-'));
  const shop = await openEmbeddedShop({ dataDir });
  try {
    return await shop.listProducts();
  } finally {
    await shop.close?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
