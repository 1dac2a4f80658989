import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
/** A key the seal keys give (`SHOPVOICE_STATE_KEYS` entries, or the data folder's key). */
export interface ContextKey {
  id: string;
  secret: string | Buffer;
}

/** Seals the Shopware context tokens account linking keeps (AES-256-GCM), bound to their grant. */
export interface ContextSealer {
  seal(contextToken: string, grantId: string): string;
  /** The context token, or undefined when the text was not sealed by one of the keys for this grant. */
  open(sealed: string, grantId: string): string | undefined;
}

/** Its own key from each seal secret: the session seal and this never share key material. */
function derive(secret: string | Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'shopvoice', 'account-link customer context v1', 32));
}

/**
 * A sealer over the seal keys (`SHOPVOICE_STATE_KEYS`, or the key kept in the data folder): the
 * first key seals, every key opens, so keys rotate as the session seal's do. The grant id is the
 * additional authenticated data, so a sealed context copied to another grant does not open.
 *
 * @example const sealer = createContextSealer([{ id: 'k1', secret }]); sealer.open(sealer.seal(token, grant), grant);
 */
export function createContextSealer(keys: ContextKey[]): ContextSealer {
  if (keys.length === 0) throw new Error('createContextSealer needs at least one key');
  const derived = new Map(keys.map((k) => [k.id, derive(k.secret)]));
  const first = keys[0]!;
  return {
    seal(contextToken, grantId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derived.get(first.id)!, iv);
      cipher.setAAD(Buffer.from(grantId, 'utf8'));
      const body = Buffer.concat([cipher.update(contextToken, 'utf8'), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return ['v1', Buffer.from(first.id, 'utf8').toString('base64url'), ...parts].join('.');
    },
    open(sealed, grantId) {
      const [version, keyId, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || keyId === undefined || iv === undefined || body === undefined || tag === undefined) return undefined;
      const key = derived.get(Buffer.from(keyId, 'base64url').toString('utf8'));
      if (!key) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(grantId, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
