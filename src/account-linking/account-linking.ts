import { randomUUID } from 'node:crypto';
import type { OAuthClient } from '../config.js';
import type { CustomerLoginResult } from '../catalog/shopware/shopware-login.js';
import type { AuthorizationRequest } from './authorization-request.js';
import { withQuery } from './authorization-request.js';
import type { ContextSealer } from './context-sealer.js';
import type { LinkStore, StoredToken } from './link-store.js';
import { newSecret, s256, sameSecret, sha256Hex } from './secrets.js';

/** Lifetimes and limits, each with its unit. */
export const LINKING_DEFAULTS = {
  codeTtlMs: 60_000, // RFC 6749 §4.1.2: short-lived, 10 minutes at most; a minute is ample for a redirect
  accessTtlMs: 3_600_000, // one hour; Alexa and Google refresh on their own
  refreshTtlMs: 90 * 86_400_000, // 90 days without use; every refresh rotates it
  failureLimit: 5, // failed logins …
  failureWindowMs: 15 * 60_000, // … per 15 minutes, per caller address and per e-mail address
};

export interface AccountLinkingOptions {
  store: LinkStore;
  sealer: ContextSealer;
  clients: OAuthClient[];
  /** The shop's customer login (Shopware Store API `/account/login`) and logout. */
  shop: { login(email: string, password: string): Promise<CustomerLoginResult>; logout(contextToken: string): Promise<void> };
  /** Epoch milliseconds: injected so lifetimes and the rate limit are testable. */
  now: () => number;
  limits?: Partial<typeof LINKING_DEFAULTS>;
}

export type LoginOutcome =
  | { ok: true; location: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterS: number };

export interface TokenAnswer {
  status: number;
  body: Record<string, string | number>;
  /** `WWW-Authenticate` for a failed HTTP Basic client authentication (RFC 6749 §5.2). */
  challenge?: boolean;
}

/** Client credentials as the token request carried them. */
export interface ClientCredentials {
  id?: string;
  secret?: string;
  /** Sent as HTTP Basic (client_secret_basic) rather than in the body (client_secret_post). */
  basic: boolean;
}

export interface AccountLinking {
  login(request: AuthorizationRequest, email: string, password: string, callerAddress: string): Promise<LoginOutcome>;
  token(credentials: ClientCredentials, params: Record<string, unknown>): Promise<TokenAnswer>;
  revoke(credentials: ClientCredentials, params: Record<string, unknown>): Promise<TokenAnswer>;
  /** The Shopware context token our access token stands for, or undefined (unknown, expired, revoked). */
  resolveCustomerContext(accessToken: string): Promise<string | undefined>;
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const oauthError = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/**
 * shopvoice's OAuth 2.0 authorization server for a Shopware shop (RFC 6749 authorization code
 * grant with refresh tokens, PKCE S256 per RFC 7636, revocation per RFC 7009): customers log in
 * with their shop account, the platform gets tokens, and each token maps to the customer's
 * Store API context. Only hashes of codes and tokens are stored; the context token is sealed.
 *
 * @example const linking = createAccountLinking({ store, sealer, clients, shop, now: Date.now });
 */
export function createAccountLinking(options: AccountLinkingOptions): AccountLinking {
  const { store, sealer, clients, shop, now } = options;
  const limits = { ...LINKING_DEFAULTS, ...options.limits };

  function authenticate(credentials: ClientCredentials, params: Record<string, unknown>): OAuthClient | TokenAnswer {
    const bodyId = text(params.client_id);
    if (credentials.basic && bodyId !== undefined && bodyId !== credentials.id) return oauthError(400, 'invalid_request', 'client_id differs from the authenticated client');
    const client = clients.find((c) => c.id === credentials.id);
    // Hashing the given secret and comparing hashes in constant time: the configured value is a hash.
    const fine = client !== undefined && credentials.secret !== undefined && sameSecret(sha256Hex(credentials.secret), client.secretSha256);
    if (!fine) return { ...oauthError(401, 'invalid_client', 'client authentication failed'), challenge: credentials.basic };
    return client;
  }

  async function issue(grantId: string): Promise<{ tokens: StoredToken[]; body: Record<string, string | number> }> {
    const at = now();
    const access = newSecret('svat_');
    const refresh = newSecret('svrt_');
    return {
      tokens: [
        { tokenHash: sha256Hex(access), grantId, kind: 'access', expiresAt: at + limits.accessTtlMs },
        { tokenHash: sha256Hex(refresh), grantId, kind: 'refresh', expiresAt: at + limits.refreshTtlMs },
      ],
      body: { access_token: access, token_type: 'Bearer', expires_in: Math.floor(limits.accessTtlMs / 1000), refresh_token: refresh },
    };
  }

  async function revokeGrant(grantId: string): Promise<void> {
    const { sealedContext } = await store.revokeGrant(grantId, now());
    const context = sealedContext ? sealer.open(sealedContext, grantId) : undefined;
    // Ends the Shopware session too; the link is gone either way, so a shop that is out does not matter.
    if (context) await shop.logout(context).catch(() => undefined);
  }

  async function exchangeCode(client: OAuthClient, params: Record<string, unknown>): Promise<TokenAnswer> {
    const code = text(params.code);
    if (!code) return oauthError(400, 'invalid_request', 'code is missing');
    const taken = await store.takeCode(sha256Hex(code), now());
    if (!taken) return oauthError(400, 'invalid_grant', 'the code is unknown or expired');
    if (taken.status === 'replayed') {
      // RFC 6749 §4.1.2: a code used twice revokes the tokens issued for it.
      await revokeGrant(taken.grantId);
      return oauthError(400, 'invalid_grant', 'the code was used before; what it issued is revoked');
    }
    const stored = taken.code;
    if (stored.clientId !== client.id) return oauthError(400, 'invalid_grant', 'the code was issued to another client');
    if (stored.expiresAt <= now()) return oauthError(400, 'invalid_grant', 'the code is unknown or expired');
    const redirectUri = text(params.redirect_uri);
    if (redirectUri !== undefined && redirectUri !== stored.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = text(params.code_verifier);
    if (stored.codeChallenge !== undefined) {
      if (!verifier || !VERIFIER.test(verifier) || !sameSecret(s256(verifier), stored.codeChallenge)) return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    } else if (verifier !== undefined) return oauthError(400, 'invalid_grant', 'code_verifier without a code_challenge');
    const { tokens, body } = await issue(stored.grantId);
    await store.addTokens(tokens);
    return { status: 200, body };
  }

  async function refresh(client: OAuthClient, params: Record<string, unknown>): Promise<TokenAnswer> {
    const token = text(params.refresh_token);
    if (!token) return oauthError(400, 'invalid_request', 'refresh_token is missing');
    const found = await store.findToken(sha256Hex(token));
    const invalid = oauthError(400, 'invalid_grant', 'the refresh token is unknown, expired or revoked');
    if (!found || found.token.kind !== 'refresh' || found.grant.revokedAt !== undefined) return invalid;
    if (found.grant.clientId !== client.id) return invalid;
    if (found.token.usedAt !== undefined) {
      // A rotated refresh token used again: one of the two holders is not the customer's platform.
      await revokeGrant(found.grant.grantId);
      return invalid;
    }
    if (found.token.expiresAt <= now()) return invalid;
    const { tokens, body } = await issue(found.grant.grantId);
    if (!(await store.rotateRefreshToken(found.token.tokenHash, now(), tokens))) {
      await revokeGrant(found.grant.grantId);
      return invalid;
    }
    return { status: 200, body };
  }

  return {
    async login(request, email, password, callerAddress) {
      const at = now();
      const keys = [sha256Hex(`ip:${callerAddress}`), sha256Hex(`email:${email.trim().toLowerCase()}`)];
      const since = at - limits.failureWindowMs;
      const seen = await store.loginFailures(keys, since);
      const full = seen.filter((s) => s.count >= limits.failureLimit);
      if (full.length > 0) {
        const until = Math.max(...full.map((s) => (s.oldest ?? at) + limits.failureWindowMs));
        return { ok: false, reason: 'throttled', retryAfterS: Math.max(1, Math.ceil((until - at) / 1000)) };
      }
      const result = await shop.login(email.trim(), password);
      if (!result.ok) {
        await store.recordLoginFailure(keys, at);
        if (result.reason === 'throttled') return { ok: false, reason: 'throttled', retryAfterS: Math.ceil(limits.failureWindowMs / 1000) };
        return { ok: false, reason: 'invalid' };
      }
      // The e-mail's count starts again; the address's stays (one good account must not reset it).
      await store.clearLoginFailures([keys[1]!]);
      await store.purge(at - 86_400_000, since).catch(() => 0);
      const grantId = randomUUID();
      const code = newSecret('svac_');
      await store.createGrant(
        { grantId, clientId: request.client.id, sealedContext: sealer.seal(result.contextToken, grantId), createdAt: at },
        {
          codeHash: sha256Hex(code), grantId, clientId: request.client.id, redirectUri: request.redirectUri, expiresAt: at + limits.codeTtlMs,
          ...(request.codeChallenge ? { codeChallenge: request.codeChallenge } : {}),
        },
      );
      return { ok: true, location: withQuery(request.redirectUri, { code, state: request.state }) };
    },

    async token(credentials, params) {
      const client = authenticate(credentials, params);
      if (!('redirectUris' in client)) return client;
      const grantType = text(params.grant_type);
      if (grantType === 'authorization_code') return exchangeCode(client, params);
      if (grantType === 'refresh_token') return refresh(client, params);
      return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    },

    async revoke(credentials, params) {
      const client = authenticate(credentials, params);
      if (!('redirectUris' in client)) return client;
      const token = text(params.token);
      if (!token) return oauthError(400, 'invalid_request', 'token is missing');
      const found = await store.findToken(sha256Hex(token));
      // RFC 7009 §2.2: an unknown token is answered 200 as well. Revoking either token ends the grant.
      if (found && found.grant.clientId === client.id) await revokeGrant(found.grant.grantId);
      return { status: 200, body: {} };
    },

    async resolveCustomerContext(accessToken) {
      if (!accessToken.startsWith('svat_')) return undefined;
      const found = await store.findToken(sha256Hex(accessToken));
      if (!found || found.token.kind !== 'access' || found.grant.revokedAt !== undefined || !found.grant.sealedContext) return undefined;
      if (found.token.expiresAt <= now()) return undefined;
      return sealer.open(found.grant.sealedContext, found.grant.grantId);
    },
  };
}
