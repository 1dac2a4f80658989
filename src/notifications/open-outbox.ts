import { openPostgresOutbox } from './outbox-postgres.js';
import { openSqliteOutbox } from './outbox-sqlite.js';
import type { OutboxStore } from './outbox-store.js';

/**
 * The configured outbox: in the PostgreSQL state database when `url` is set (many instances),
 * else `outbox.sqlite` in the data folder.
 *
 * @example const outbox = await openOutbox({ dataDir: config.dataDir, url: process.env.SHOPVOICE_STATE_URL });
 */
export async function openOutbox(settings: { dataDir: string; url?: string | undefined }): Promise<OutboxStore> {
  if (settings.url) return openPostgresOutbox(settings.url);
  return openSqliteOutbox(settings.dataDir);
}
