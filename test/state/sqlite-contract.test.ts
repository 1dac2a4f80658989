import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { describeStateContract } from '../support/state-contract.js';

describeStateContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-state-contract-'));
  return {
    open: async (now) => openSqliteStateStore(dir, now ? { now } : {}),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
});
