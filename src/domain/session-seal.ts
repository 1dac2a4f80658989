import { createCipheriv, createDecipheriv, hkdfSync, randomFillSync } from 'node:crypto';

/** Who a sealed state belongs to: it opens only for the same user in the same session. */
export interface SealBinding {
  userId: string;
  sessionId: string;
}

/** A secret that seals session state; `id` names it inside every token it seals. */
export interface SealKey {
  id: string;
  secret: string | Buffer;
}

/**
 * Seals conversation state that travels through the client (Alexa session attributes, Dialogflow
 * contexts). Whatever authorises an action — a pending order, its total, its key — must come back
 * exactly as the server wrote it, for the same user and session (platform-rules.md, "Learned from
 * outside clients").
 */
export interface SessionSealer {
  /** The state as one opaque string. */
  seal(state: unknown, binding: SealBinding): string;
  /**
   * The state sealed for `binding`, or `undefined` for anything else (tampered, another user's or
   * session's, an unknown or retired key, not a token at all). Never throws.
   */
  open(token: unknown, binding: SealBinding): unknown;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longer tokens are not ours (sessions are capped far below); refused before any work. */
const MAX_TOKEN_CHARS = 16 * 1024;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Stretches a configured secret into an AES-256 key; the id is mixed in so two ids never share a key. */
function deriveKey(key: SealKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.secret, Buffer.from('shopvoice session seal'), Buffer.from(key.id), 32));
}

function additionalData(keyId: string, binding: SealBinding): Buffer {
  // Lengths first, so no choice of ids can make two bindings read alike.
  const parts = [VERSION, keyId, binding.userId, binding.sessionId];
  return Buffer.from(parts.map((p) => `${p.length}:${p}`).join('|'));
}

/**
 * AES-256-GCM with the user and session as additional data: the client can neither read nor change
 * the state, nor move it to another session. The first key seals; every key opens, so a rotated
 * key keeps working for sessions that are still running (the grace period is as long as the old
 * key stays configured).
 *
 * @example
 *   const sealer = createSessionSealer([{ id: '2026-12', secret: process.env.SECRET! }]);
 *   const token = sealer.seal({ pending: { kind: 'reorder' } }, { userId, sessionId });
 *   sealer.open(token, { userId, sessionId }); // → the object; another user → undefined
 */
export function createSessionSealer(keys: readonly SealKey[]): SessionSealer {
  if (keys.length === 0) throw new Error('at least one session key is needed');
  const derived = new Map<string, Buffer>();
  for (const key of keys) {
    if (!KEY_ID.test(key.id)) throw new Error(`session key id "${key.id}" must be 1-32 letters, digits, _ or -`);
    if (Buffer.byteLength(key.secret) < 16) throw new Error(`session key "${key.id}" is shorter than 16 bytes`);
    if (derived.has(key.id)) throw new Error(`session key id "${key.id}" is given twice`);
    derived.set(key.id, deriveKey(key));
  }
  const sealingId = keys[0]!.id;
  const sealingKey = derived.get(sealingId)!;

  // Nonces are drawn from the CSPRNG a few hundred at a time: one call into it per seal was a
  // third of sealing (bench/NOTES.md, "Session seal"). Each nonce is used once, as GCM requires.
  const nonces = Buffer.alloc(IV_BYTES * 256);
  let nextNonce = nonces.length;
  const freshIv = (): Buffer => {
    if (nextNonce >= nonces.length) {
      randomFillSync(nonces);
      nextNonce = 0;
    }
    // A view, not a copy: it is read within the same `seal` call, before any refill.
    const iv = nonces.subarray(nextNonce, nextNonce + IV_BYTES);
    nextNonce += IV_BYTES;
    return iv;
  };

  return {
    seal(state, binding) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
      cipher.setAAD(additionalData(sealingId, binding));
      const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
      return [VERSION, sealingId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(token, binding) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return undefined;
      const parts = token.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
      const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
      const key = derived.get(keyId);
      if (key === undefined) return undefined;
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData(keyId, binding));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
