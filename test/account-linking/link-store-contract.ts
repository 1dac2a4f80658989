import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LinkStore, StoredCode, StoredToken } from '../../src/account-linking/link-store.js';

const T0 = Date.parse('2026-11-24T09:00:00Z');
let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}-${'x'.repeat(8)}`;

function grantWithCode(grantId = unique('grant')) {
  const code: StoredCode = { codeHash: unique('code'), grantId, clientId: 'alexa', redirectUri: 'https://layla.amazon.com/api/skill/link/M2', codeChallenge: 'c'.repeat(43), expiresAt: T0 + 60_000 };
  return { grant: { grantId, clientId: 'alexa', sealedContext: `sealed-${grantId}`, createdAt: T0 }, code };
}
const tokensOf = (grantId: string, expiresAt = T0 + 3_600_000): StoredToken[] => [
  { tokenHash: unique('access'), grantId, kind: 'access', expiresAt },
  { tokenHash: unique('refresh'), grantId, kind: 'refresh', expiresAt: expiresAt + 86_400_000 },
];

/**
 * The behaviour every link store shows, SQLite file or PostgreSQL database: what the OAuth
 * server relies on for single-use codes, rotation, revocation and the rate limit.
 */
export function linkStoreContract(name: string, open: () => Promise<{ store: LinkStore; close(): Promise<void> }>): void {
  describe(`link store contract: ${name}`, () => {
    const withStore = (body: (store: LinkStore) => Promise<void>) => async () => {
      const opened = await open();
      try { await body(opened.store); } finally { await opened.close(); }
    };

    test('a code is taken once; every later take reports the replay with its grant', withStore(async (store) => {
      const { grant, code } = grantWithCode();
      await store.createGrant(grant, code);
      assert.deepEqual(await store.takeCode(code.codeHash, T0 + 1), { status: 'fresh', code });
      assert.deepEqual(await store.takeCode(code.codeHash, T0 + 2), { status: 'replayed', grantId: grant.grantId });
      assert.equal(await store.takeCode('unknown', T0), undefined);
    }));

    test('of two concurrent takes of one code exactly one is fresh', withStore(async (store) => {
      const { grant, code } = grantWithCode();
      await store.createGrant(grant, code);
      const taken = await Promise.all([store.takeCode(code.codeHash, T0), store.takeCode(code.codeHash, T0), store.takeCode(code.codeHash, T0)]);
      assert.equal(taken.filter((t) => t?.status === 'fresh').length, 1);
    }));

    test('tokens are found with their grant; a refresh token rotates once', withStore(async (store) => {
      const { grant, code } = grantWithCode();
      await store.createGrant(grant, code);
      const [access, refresh] = tokensOf(grant.grantId);
      await store.addTokens([access!, refresh!]);
      const found = await store.findToken(access!.tokenHash);
      assert.deepEqual(found, { token: access, grant: { grantId: grant.grantId, clientId: 'alexa', sealedContext: grant.sealedContext } });
      const next = tokensOf(grant.grantId, T0 + 7_200_000);
      assert.equal(await store.rotateRefreshToken(refresh!.tokenHash, T0 + 10, next), true);
      assert.equal(await store.rotateRefreshToken(refresh!.tokenHash, T0 + 11, tokensOf(grant.grantId)), false, 'used before');
      assert.equal((await store.findToken(refresh!.tokenHash))?.token.usedAt, T0 + 10);
      assert.equal((await store.findToken(next[0]!.tokenHash))?.token.kind, 'access');
      assert.equal(await store.rotateRefreshToken(access!.tokenHash, T0, []), false, 'an access token does not rotate');
    }));

    test('revoking a grant drops its tokens and erases the sealed context, returning it once', withStore(async (store) => {
      const { grant, code } = grantWithCode();
      await store.createGrant(grant, code);
      const tokens = tokensOf(grant.grantId);
      await store.addTokens(tokens);
      assert.deepEqual(await store.revokeGrant(grant.grantId, T0 + 5), { sealedContext: grant.sealedContext });
      assert.deepEqual(await store.revokeGrant(grant.grantId, T0 + 6), {});
      for (const t of tokens) assert.equal(await store.findToken(t.tokenHash), undefined);
    }));

    test('login failures count per key inside the window; clearing one key leaves the other', withStore(async (store) => {
      const [ip, mail] = [unique('ip'), unique('mail')];
      await store.recordLoginFailure([ip, mail], T0);
      await store.recordLoginFailure([ip, mail], T0 + 1000);
      await store.recordLoginFailure([ip], T0 + 2000);
      assert.deepEqual(await store.loginFailures([ip, mail], T0 - 1), [{ count: 3, oldest: T0 }, { count: 2, oldest: T0 }]);
      assert.deepEqual(await store.loginFailures([ip], T0), [{ count: 2, oldest: T0 + 1000 }], 'the window excludes its start');
      await store.clearLoginFailures([mail]);
      assert.deepEqual(await store.loginFailures([ip, mail], T0 - 1), [{ count: 3, oldest: T0 }, { count: 0 }]);
    }));

    test('purge removes what expired and grants left with nothing', withStore(async (store) => {
      const { grant, code } = grantWithCode();
      await store.createGrant(grant, code);
      const tokens = tokensOf(grant.grantId, T0 + 1000);
      await store.addTokens(tokens);
      const live = grantWithCode();
      await store.createGrant(live.grant, { ...live.code, expiresAt: T0 + 10 * 86_400_000 });
      const removed = await store.purge(T0 + 3 * 86_400_000, T0);
      assert.ok(removed >= 4, `removed ${removed}`);
      for (const t of tokens) assert.equal(await store.findToken(t.tokenHash), undefined);
      assert.equal((await store.takeCode(live.code.codeHash, T0))?.status, 'fresh', 'the live grant stays');
      await store.ping();
    }));
  });
}
