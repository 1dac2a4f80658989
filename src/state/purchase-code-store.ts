import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Where the customers' spoken purchase codes live (issue 17): a hash per shop customer, and the
 * wrong codes said per platform user and session (three lock ordering for that session). Kept
 * apart from the state store, in its own tables (`purchase-code-sqlite.ts`, `-postgres.ts`).
 * A code never leaves it: it is hashed on the way in and only compared.
 */
export interface PurchaseCodeStore {
  /** Sets (or replaces) the customer's four-digit code. */
  setCode(customerId: string, code: string, at: Date): Promise<void>;
  /** Removes the customer's code; false when there was none. */
  removeCode(customerId: string): Promise<boolean>;
  hasCode(customerId: string): Promise<boolean>;
  /** True when `code` is the customer's code (false when they have none). */
  matches(customerId: string, code: string): Promise<boolean>;
  /** Counts one wrong code of this user in this session; the wrong codes so far. */
  recordWrongCode(userId: string, sessionId: string, at: Date): Promise<number>;
  /** The wrong codes this user said in this session. */
  wrongCodes(userId: string, sessionId: string): Promise<number>;
  /** Deletes this platform user's counters (`SkillDisabled`, erasure). */
  forgetUser(userId: string): Promise<number>;
  close(): Promise<void> | void;
}

/** Four digits, as the account page and `shopvoice account set-code` take them. */
export const PURCHASE_CODE = /^\d{4}$/;

/** scrypt's defaults (N = 2^14, r = 8, p = 1) with a 16-byte salt per code; 32-byte hash. */
const SALT_BYTES = 16;
const HASH_BYTES = 32;

function derive(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(code, salt, HASH_BYTES, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$<salt>$<hash>` (base64url): what is stored instead of the code. */
export async function hashPurchaseCode(code: string): Promise<string> {
  if (!PURCHASE_CODE.test(code)) throw new RangeError('a purchase code is four digits');
  const salt = randomBytes(SALT_BYTES);
  return `scrypt$${salt.toString('base64url')}$${(await derive(code, salt)).toString('base64url')}`;
}

/** Compares in constant time; a malformed stored value never matches. */
export async function purchaseCodeMatches(code: string, stored: string): Promise<boolean> {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText || !PURCHASE_CODE.test(code)) return false;
  const expected = Buffer.from(hashText, 'base64url');
  if (expected.length !== HASH_BYTES) return false;
  return timingSafeEqual(await derive(code, Buffer.from(saltText, 'base64url')), expected);
}
