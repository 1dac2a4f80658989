import { createSign } from 'node:crypto';
import { UploadError, fetchWithRetry, jsonBody, type RetryOptions } from './http-retry.js';

/** The fields of a Google service-account key file (JSON) that the token exchange needs. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  token_uri?: string;
}

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DIALOGFLOW_SCOPE = 'https://www.googleapis.com/auth/dialogflow';

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** Parses and checks a key file's text; the message names the missing field. */
export function parseServiceAccountKey(text: string, file: string): ServiceAccountKey {
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new UploadError(`${file} is not a JSON service-account key`);
  }
  for (const field of ['client_email', 'private_key']) {
    if (typeof key[field] !== 'string' || !key[field]) throw new UploadError(`${file} has no "${field}"; download a JSON key of a service account`);
  }
  return key as unknown as ServiceAccountKey;
}

/**
 * A signed JWT assertion for the OAuth 2.0 JWT bearer grant (RFC 7523), RS256 with the
 * service account's private key: `iss` the account, `aud` the token endpoint, valid one hour.
 */
export function serviceAccountAssertion(key: ServiceAccountKey, tokenUrl: string, nowSeconds: number, scope = DIALOGFLOW_SCOPE): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, scope, aud: tokenUrl, iat: nowSeconds, exp: nowSeconds + 3600 };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  return `${unsigned}.${b64url(signature)}`;
}

/**
 * Exchanges the signed assertion for an access token at the key's token endpoint.
 *
 * @example const token = await googleAccessToken(key, { now: () => Date.now() });
 */
export async function googleAccessToken(
  key: ServiceAccountKey,
  options: RetryOptions & { tokenUrl?: string; now?: () => number } = {},
): Promise<string> {
  const tokenUrl = options.tokenUrl ?? key.token_uri ?? GOOGLE_TOKEN_URL;
  const assertion = serviceAccountAssertion(key, tokenUrl, Math.floor((options.now ?? Date.now)() / 1000));
  const response = await fetchWithRetry(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  }, options);
  const json = await jsonBody(response);
  if (response.status !== 200 || typeof json.access_token !== 'string') {
    const why = [json.error, json.error_description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
    throw new UploadError(`Google refused the service-account key ${key.client_email} (${why})`, response.status);
  }
  return json.access_token;
}
