import { UPLOAD_ENV } from '../../config.js';
import { UploadError, fetchWithRetry, jsonBody, type RetryOptions } from './http-retry.js';

/** Login with Amazon credentials of a security profile with SMAPI access (`ask util generate-lwa-tokens`). */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export const LWA_BASE_URL = 'https://api.amazon.com';

/**
 * Trades the refresh token for an access token (LWA refresh-token grant, the same request the
 * ASK SDK's LwaServiceClient sends: form-encoded to `/auth/o2/token`).
 *
 * @example const token = await lwaAccessToken(credentials, 'https://api.amazon.com');
 */
export async function lwaAccessToken(credentials: LwaCredentials, baseUrl: string, options: RetryOptions = {}): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: credentials.refreshToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
  const response = await fetchWithRetry(`${baseUrl}/auth/o2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
    body: body.toString(),
  }, options);
  const json = await jsonBody(response);
  if (response.status !== 200 || typeof json.access_token !== 'string') {
    const why = [json.error, json.error_description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
    throw new UploadError(`Login with Amazon refused the refresh token (${why}); check ${UPLOAD_ENV.lwaClientId}, ${UPLOAD_ENV.lwaClientSecret} and ${UPLOAD_ENV.lwaRefreshToken}`, response.status);
  }
  return json.access_token;
}
