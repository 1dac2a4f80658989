import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server of this machine and CI (trust auth). `SHOPVOICE_TEST_PG` overrides it. */
export const TEST_PG_SERVER = process.env.SHOPVOICE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Creates an empty database for one test and returns its URL and a function that drops it
 * (closing whatever connections are still open on it).
 *
 * @example const db = await createTestDatabase(); t.after(db.drop); await openPostgresStateStore(db.url);
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `shopvoice_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${TEST_PG_SERVER}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
