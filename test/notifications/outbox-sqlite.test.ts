import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { describeOutboxContract } from './outbox-contract.js';

describeOutboxContract('SQLite', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-outbox-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { open: async () => openSqliteOutbox(dir) };
});
