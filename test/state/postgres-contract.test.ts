import { openPostgresStateStore } from '../../src/state/postgres-state-store.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { describeStateContract } from '../support/state-contract.js';

describeStateContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return {
    open: (now) => openPostgresStateStore(db.url, now ? { now } : {}),
    drop: db.drop,
  };
});
