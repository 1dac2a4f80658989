import type { LinkStore } from './link-store.js';
import { openSqliteLinkStore } from './link-store-sqlite.js';

/**
 * The configured link store: in the PostgreSQL state database when `url` is set (many
 * instances; `pg` is loaded only then), else in `state.sqlite` in the data folder.
 *
 * @example const links = await openLinkStore({ dataDir: config.dataDir, url: config.state.url });
 */
export async function openLinkStore(settings: { dataDir: string; url?: string | undefined }): Promise<LinkStore> {
  if (settings.url) {
    const { openPostgresLinkStore } = await import('./link-store-postgres.js');
    return openPostgresLinkStore(settings.url);
  }
  return openSqliteLinkStore(settings.dataDir);
}
