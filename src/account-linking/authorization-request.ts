import type { OAuthClient } from '../config.js';

/** A checked authorization request (RFC 6749 §4.1.1, PKCE RFC 7636 §4.3). */
export interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  state?: string;
  /** S256 challenge; PKCE is optional because Alexa and Google do not all send it, but `plain` is refused. */
  codeChallenge?: string;
}

export type AuthorizationCheck =
  | { ok: true; request: AuthorizationRequest }
  /** The client or the redirect URI is not known: answered on our page, never redirected (RFC 6749 §4.1.2.1). */
  | { ok: false; redirect: false; problem: 'unknown_client' | 'bad_redirect_uri' | 'invalid_request' }
  /** Anything else goes back to the (known) redirect URI as `error=…`. */
  | { ok: false; redirect: true; location: string };

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** Every parameter at most once (RFC 6749 §3.1); a repeated one is an invalid request. */
const single = (value: unknown): string | undefined | null => (Array.isArray(value) ? null : typeof value === 'string' ? value : value === undefined ? undefined : null);

/** `redirectUri` with the query parameters added (it may carry its own query). */
export function withQuery(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
  return url.href;
}

/**
 * Checks the parameters of `GET /oauth/authorize` (and of the login form, which carries them on):
 * client and redirect URI first, exactly as configured, before anything may redirect.
 *
 * @example checkAuthorizationRequest(req.query, clients)
 */
export function checkAuthorizationRequest(params: Record<string, unknown>, clients: OAuthClient[]): AuthorizationCheck {
  const clientId = single(params.client_id);
  const client = clients.find((c) => c.id === clientId);
  if (!client) return { ok: false, redirect: false, problem: 'unknown_client' };
  const redirectUri = single(params.redirect_uri);
  if (redirectUri === null) return { ok: false, redirect: false, problem: 'invalid_request' };
  // Without a redirect_uri the only registered one is meant (RFC 6749 §3.1.2.3).
  const target = redirectUri ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (!target || !client.redirectUris.includes(target)) return { ok: false, redirect: false, problem: 'bad_redirect_uri' };
  const state = single(params.state);
  const back = (error: string, description: string): AuthorizationCheck =>
    ({ ok: false, redirect: true, location: withQuery(target, { error, error_description: description, state: state ?? undefined }) });
  if (state === null || (state !== undefined && state.length > 2048)) return back('invalid_request', 'state is repeated or too long');
  const responseType = single(params.response_type);
  if (responseType !== 'code') return back('unsupported_response_type', 'only response_type=code is supported');
  const challenge = single(params.code_challenge);
  const method = single(params.code_challenge_method);
  if (challenge === null || method === null) return back('invalid_request', 'code_challenge is repeated');
  if (challenge !== undefined) {
    if (method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256');
    if (!CHALLENGE.test(challenge)) return back('invalid_request', 'code_challenge is not a base64url SHA-256');
  } else if (method !== undefined) return back('invalid_request', 'code_challenge_method without code_challenge');
  return {
    ok: true,
    request: { client, redirectUri: target, ...(state ? { state } : {}), ...(challenge ? { codeChallenge: challenge } : {}) },
  };
}
