import { loadConfig } from '../../config.js';
import { migratePostgres } from '../../state/postgres-state-store.js';
import type { CliIo } from '../cli-io.js';

/** `shopvoice state migrate`: brings the PostgreSQL state database (SHOPVOICE_STATE_URL) to this version's schema. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] !== 'migrate') {
    io.err('usage: shopvoice state migrate   (the PostgreSQL database of SHOPVOICE_STATE_URL; SQLite migrates itself on start)');
    return 2;
  }
  const { state } = loadConfig();
  if (!state.url) {
    io.out('SHOPVOICE_STATE_URL is not set: the SQLite state file migrates itself when the server starts');
    return 0;
  }
  const { from, to } = await migratePostgres(state.url);
  io.out(from === to ? `the state database is current (schema version ${to})` : `migrated the state database from schema version ${from} to ${to}`);
  return 0;
}
