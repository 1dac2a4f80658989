/**
 * What account linking keeps: grants (one per linked account, holding the sealed Shopware context
 * token), their single-use authorization codes, their access and refresh tokens, and failed logins
 * for the rate limit. Codes and tokens are stored only as SHA-256 hashes; every time is epoch ms.
 * Two stores implement it, in the state SQLite file and in the PostgreSQL state database, with
 * tables of their own (test/support/link-store-contract.ts runs the same suite on both).
 */
export interface LinkGrant {
  grantId: string;
  clientId: string;
  /** The Shopware context token, sealed (`context-sealer.ts`); erased when the grant is revoked. */
  sealedContext: string;
  createdAt: number;
}

export interface StoredCode {
  codeHash: string;
  grantId: string;
  clientId: string;
  redirectUri: string;
  /** The S256 PKCE challenge the authorization request carried. */
  codeChallenge?: string;
  expiresAt: number;
}

export interface StoredToken {
  tokenHash: string;
  grantId: string;
  kind: 'access' | 'refresh';
  expiresAt: number;
}

export interface TokenLookup {
  token: StoredToken & { usedAt?: number };
  grant: { grantId: string; clientId: string; sealedContext?: string; revokedAt?: number };
}

export type TakenCode = { status: 'fresh'; code: StoredCode } | { status: 'replayed'; grantId: string };

export interface LinkStore {
  /** A new grant with its authorization code, in one transaction. */
  createGrant(grant: LinkGrant, code: StoredCode): Promise<void>;
  /** Takes a code: `fresh` once, `replayed` every time after (the caller revokes the grant); undefined when unknown. */
  takeCode(codeHash: string, at: number): Promise<TakenCode | undefined>;
  addTokens(tokens: StoredToken[]): Promise<void>;
  findToken(tokenHash: string): Promise<TokenLookup | undefined>;
  /** Marks a refresh token used and adds its successors, atomically; false (and nothing added) when it was used before. */
  rotateRefreshToken(tokenHash: string, at: number, successors: StoredToken[]): Promise<boolean>;
  /** Revokes a grant: its tokens stop working and its sealed context is erased, which is returned (to log out at the shop). */
  revokeGrant(grantId: string, at: number): Promise<{ sealedContext?: string }>;
  /** Failed logins per key after `since` (exclusive): how many, and the oldest (for Retry-After). */
  loginFailures(keyHashes: string[], since: number): Promise<Array<{ count: number; oldest?: number }>>;
  recordLoginFailure(keyHashes: string[], at: number): Promise<void>;
  clearLoginFailures(keyHashes: string[]): Promise<void>;
  /** Deletes codes and tokens expired before `expiredBefore`, failures before `failuresBefore`, and grants left with neither. */
  purge(expiredBefore: number, failuresBefore: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
