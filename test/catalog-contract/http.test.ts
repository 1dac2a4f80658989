import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createCatalogApiRouter } from '../../src/catalog/http/catalog-api-router.js';
import { createHttpCommerce } from '../../src/catalog/http/http-commerce.js';
import { commerceContract } from '../support/commerce-contract.js';

const TOKEN = 'contract-shop-api-token';

commerceContract('HTTP client of the shop API contract', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-contract-http-'));
  const shop = await openEmbeddedShop({ dataDir: dir, now: () => new Date('2026-11-22T10:00:00Z') });
  const app = express();
  app.use(createCatalogApiRouter(shop, { token: TOKEN }));
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const commerce = createHttpCommerce({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: TOKEN, versionTtlMs: 0 });
  return {
    commerce,
    annaToken: 'demo-token-anna',
    emmaToken: 'demo-token-emma',
    async changePrice(id: string, priceCents: number) {
      const all = await shop.listProducts();
      await shop.replaceProducts(all.map((p) => (p.id === id ? { ...p, priceCents } : p)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await shop.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}, { reorder: 'order' });
