import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSessionSealer } from '../../src/domain/session-seal.js';

const ALICE = { userId: 'amzn1.ask.account.ALICE', sessionId: 'amzn1.echo-api.session.1' };
const STATE = { pending: { kind: 'reorder', orderNumber: '10041', totalCents: 2397, key: 'k' }, misses: 1 };
const KEY = { id: 'k2026', secret: 'a-long-enough-test-secret-0123456789' };

describe('sealed session state', () => {
  test('opens for the same user and session, as it was written', () => {
    const sealer = createSessionSealer([KEY]);
    assert.deepEqual(sealer.open(sealer.seal(STATE, ALICE), ALICE), STATE);
  });

  test('the client can read nothing of it', () => {
    const token = createSessionSealer([KEY]).seal(STATE, ALICE);
    assert.equal(/10041|2397|reorder/.test(Buffer.from(token.split('.')[3]!, 'base64url').toString('latin1')), false);
  });

  test('another user, another session, a changed byte, a retired or unknown key, junk: nothing opens', () => {
    const sealer = createSessionSealer([KEY]);
    const token = sealer.seal(STATE, ALICE);
    assert.equal(sealer.open(token, { ...ALICE, userId: 'amzn1.ask.account.MALLORY' }), undefined);
    assert.equal(sealer.open(token, { ...ALICE, sessionId: 'amzn1.echo-api.session.2' }), undefined);
    const parts = token.split('.');
    for (let i = 2; i < 5; i += 1) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0]! ^= 1;
      const flipped = [...parts];
      flipped[i] = bytes.toString('base64url');
      assert.equal(sealer.open(flipped.join('.'), ALICE), undefined, `part ${i} changed`);
    }
    assert.equal(createSessionSealer([{ id: 'other', secret: KEY.secret }]).open(token, ALICE), undefined);
    assert.equal(createSessionSealer([{ id: KEY.id, secret: 'another-secret-of-enough-length' }]).open(token, ALICE), undefined);
    for (const junk of [undefined, null, 42, {}, '', 'v1', 'v1.k2026.x.y.z', STATE, 'x'.repeat(20_000)]) {
      assert.equal(sealer.open(junk, ALICE), undefined);
    }
  });

  test('a binding cannot be shifted between user and session id', () => {
    const sealer = createSessionSealer([KEY]);
    const token = sealer.seal(STATE, { userId: 'ab', sessionId: 'c' });
    assert.equal(sealer.open(token, { userId: 'a', sessionId: 'bc' }), undefined);
  });

  test('rotation: the new key seals, the old one still opens until it is removed', () => {
    const old = createSessionSealer([KEY]);
    const rotated = createSessionSealer([{ id: 'k2027', secret: 'the-next-secret-0123456789abcdef' }, KEY]);
    const before = old.seal(STATE, ALICE);
    assert.deepEqual(rotated.open(before, ALICE), STATE);
    const after = rotated.seal(STATE, ALICE);
    assert.equal(after.split('.')[1], 'k2027');
    assert.equal(old.open(after, ALICE), undefined);
  });

  test('bad key configuration is refused with a message naming the key', () => {
    assert.throws(() => createSessionSealer([]), /at least one/);
    assert.throws(() => createSessionSealer([{ id: 'short', secret: 'tiny' }]), /"short" is shorter/);
    assert.throws(() => createSessionSealer([{ id: 'bad id', secret: KEY.secret }]), /"bad id"/);
    assert.throws(() => createSessionSealer([KEY, KEY]), /twice/);
  });
});
