import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { askIntent } from '../support/alexa-turn.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { startLinkingServer, type LinkingServer } from './linking-server.js';
import { linkAccount } from './oauth-client.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: LinkingServer;
before(async () => {
  db = await createTestDatabase();
  server = await startLinkingServer({ stateUrl: db.url });
});
after(async () => {
  await server.close();
  await db.drop();
});

test('with SHOPVOICE_STATE_URL the links live in PostgreSQL: a token works, and only its hash is in the database', async () => {
  const tokens = await linkAccount(server.url, 'anna.schmidt@example.com');
  const answer = await askIntent(server, 'OrderStatusIntent', { accessToken: tokens.access_token, timestamp: '2026-11-24T09:00:00Z', slots: { orderNumber: {} } });
  assert.match(answer.speech, /10042/);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ dump: string }>(`SELECT string_agg(t::text, ' ') AS dump FROM (
      SELECT row_to_json(x)::text AS t FROM account_link_tokens x UNION ALL SELECT row_to_json(g)::text FROM account_link_grants g) s`);
    const dump = rows[0]!.dump;
    assert.ok(dump.length > 0);
    assert.equal(dump.includes(tokens.access_token), false);
    assert.equal(dump.includes(tokens.refresh_token), false);
  } finally {
    await client.end();
  }
});
