import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { commerceContract } from '../support/commerce-contract.js';

commerceContract('embedded SQLite shop', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-contract-embedded-'));
  const shop = await openEmbeddedShop({ dataDir: dir, now: () => new Date('2026-11-22T10:00:00Z') });
  return {
    commerce: shop,
    annaToken: 'demo-token-anna',
    emmaToken: 'demo-token-emma',
    async changePrice(id: string, priceCents: number) {
      const all = await shop.listProducts();
      await shop.replaceProducts(all.map((p) => (p.id === id ? { ...p, priceCents } : p)));
    },
    async close() {
      await shop.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}, { reorder: 'order', cart: true });
