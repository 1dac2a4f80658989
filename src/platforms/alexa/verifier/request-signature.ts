import { verify, type KeyObject } from 'node:crypto';
import { AlexaVerificationError } from './verification-error.js';

/** Request headers as Node, express or an API Gateway event hand them over. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/**
 * An RSA signature is exactly as long as the key's modulus: 2048 bits (Amazon's key today), 3072
 * or 4096. Anything else cannot verify, so it is refused before a certificate is downloaded.
 */
const SIGNATURE_BYTES = new Set([256, 384, 512]);

/**
 * One header by name, case-insensitively (Node lower-cases names, API Gateway keeps the
 * sender's case). A header sent more than once counts as missing: which copy is meant is
 * exactly what an attacker would like to choose.
 */
export function headerValue(headers: RequestHeaders, lowerCaseName: string): string | undefined {
  let value = headers[lowerCaseName];
  if (value === undefined) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === lowerCaseName) {
        value = headers[name];
        break;
      }
    }
  }
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}

/**
 * Rule 4: the `Signature-256` header, decoded. The legacy SHA-1 `Signature` header is not
 * looked at: a request carrying only that one fails.
 */
export function signatureFromHeaders(headers: RequestHeaders): Buffer {
  const value = headerValue(headers, 'signature-256')?.trim();
  if (value === undefined || value === '') throw fail('missing Signature-256 header');
  if (!BASE64.test(value)) throw fail('Signature-256 is not base64');
  const signature = Buffer.from(value, 'base64');
  if (!SIGNATURE_BYTES.has(signature.length)) throw fail(`Signature-256 has ${signature.length} bytes, not an RSA signature's length`);
  return signature;
}

/**
 * Rule 4: RSA-SHA256 (PKCS #1 v1.5) over the exact bytes received. A body that was parsed and
 * serialised again differs in whitespace, key order or escapes, and fails here.
 *
 * @example
 * verifyBodySignature(rawBody, signatureFromHeaders(req.headers), chain.signingKey);
 */
export function verifyBodySignature(rawBody: Buffer, signature: Buffer, signingKey: KeyObject): void {
  let valid: boolean;
  try {
    valid = verify('sha256', rawBody, signingKey, signature);
  } catch (cause) {
    throw new AlexaVerificationError('signature', 'signature check could not run', { cause });
  }
  if (!valid) throw fail('Signature-256 does not match the body');
}

function fail(reason: string): AlexaVerificationError {
  return new AlexaVerificationError('signature', reason);
}
