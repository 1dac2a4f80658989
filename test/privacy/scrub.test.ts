import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../../src/server/logger.js';
import { isSecretKey, maskMessage, maskSecrets, scrubForLog, scrubText } from '../../src/server/privacy.js';
import { captureLog } from '../support/log-capture.js';

/**
 * One case per text pattern, in spellings a too narrow pre-test would let through (upper and
 * mixed case where the pattern ignores case, a `|` token, a JWT, each Alexa id kind), always
 * inside a longer string. `kept` is a part of the secret that must not survive.
 */
const CASES: Array<{ name: string; text: string; masked: string; kept: string }> = [
  { name: 'e-mail, mixed case', text: 'lookup for Anna.Schmidt@Example.COM failed', masked: 'lookup for [email] failed', kept: 'Schmidt' },
  { name: 'e-mail in brackets', text: 'customer <anna@example.com> unknown', masked: 'customer <[email]> unknown', kept: 'anna' },
  { name: 'BEARER in upper case', text: 'shop said: BEARER abc.DEF-123 refused', masked: 'shop said: BEARER [redacted] refused', kept: 'abc.DEF-123' },
  { name: 'bEaReR in mixed case', text: 'auth bEaReR s3cr3t=, retry', masked: 'auth bEaReR [redacted], retry', kept: 's3cr3t' },
  { name: 'BASIC in upper case', text: 'header BASIC dXNlcjpwYXNz sent', masked: 'header BASIC [redacted] sent', kept: 'dXNlcjpwYXNz' },
  { name: 'Atzr| refresh token', text: 'got Atzr|IwEBrefresh-0123|x back', masked: 'got [token] back', kept: 'IwEBrefresh' },
  { name: 'Atza| access token', text: 'token=Atza|IwEBIaccess.0123 rejected', masked: 'token=[token] rejected', kept: 'IwEBIaccess' },
  { name: 'JWT', text: 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-X_y is stale', masked: 'id [token] is stale', kept: 'eyJzdWIiOiIxIn0' },
  { name: 'Alexa account id', text: 'user amzn1.ask.account.AFX3-PRIV_0123.x not linked', masked: 'user amzn1.ask.account.[redacted] not linked', kept: 'AFX3-PRIV' },
  { name: 'Alexa person id', text: '(amzn1.ask.person.P3RS0N-42)', masked: '(amzn1.ask.person.[redacted])', kept: 'P3RS0N' },
  { name: 'Alexa device id', text: 'device=amzn1.ask.device.DEV1CE-7;', masked: 'device=amzn1.ask.device.[redacted];', kept: 'DEV1CE' },
];


describe('scrubText: the cheap pre-test lets through everything a pattern would mask', () => {
  for (const c of CASES) {
    test(c.name, () => {
      assert.equal(scrubText(c.text), c.masked);
      // In a long string too: the pre-test looks at the same bounded slice the patterns scan.
      const cut = scrubText(`${c.text} ${'x'.repeat(1000)}`);
      assert.ok(cut.startsWith(c.masked) && cut.endsWith('…[cut]'), cut);
    });
  }

  test('a secret across the length cap is masked before the string is cut', () => {
    const cut = scrubText(`${'x'.repeat(490)} anna@example.com BEARER abcdefghijk`);
    assert.equal(cut, `${'x'.repeat(490)} [email] B…[cut]`);
  });

  test('several secrets in one string, each masked', () => {
    const all = CASES.map((c) => c.text).join(' | ');
    const out = scrubText(all, 10_000);
    for (const c of CASES) assert.ok(!out.includes(c.kept), `${c.name}: ${out}`);
  });

  test('strings that need nothing come back as they are, and are still capped', () => {
    for (const text of ['http.request', 'POST', '/alexa', 'answered', 'catalog call failed', '']) assert.equal(scrubText(text), text);
    assert.equal(scrubText('a'.repeat(600)), `${'a'.repeat(500)}…[cut]`);
  });
});

describe('scrubForLog and the logger mask the same strings at any depth, in arrays and in errors', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const err = new Error(`shop said: ${c.text}`, { cause: new Error(c.text) }) as Error & { detail?: unknown };
      err.detail = { reason: [c.text] };
      const value = {
        note: c.text,
        list: ['ok', c.text],
        nested: { a: { b: [{ c: c.text }] } },
        err,
        errors: [new Error(c.text)],
      };
      const text = JSON.stringify(scrubForLog(value));
      assert.ok(!text.includes(c.kept), text);
      assert.ok(text.includes('"type":"Error"'), 'errors are still written');

      const out = captureLog();
      createLogger('info', out.sink).child!({ reqId: 'r1' }).info(value, `msg ${c.text}`);
      assert.ok(!out.text().includes(c.kept), out.text());
      assert.match(out.text(), /"reqId":"r1"/);

      assert.ok(!JSON.stringify(scrubForLog(new Error(c.text))).includes(c.kept), 'a bare Error');
      assert.ok(!maskMessage(c.text, []).includes(c.kept));
    });
  }
});

describe('scrubForLog keeps its caps and cycle guard', () => {
  test('secret keys at any depth and in any spelling', () => {
    const out = scrubForLog({ a: { b: { 'Access-Token': 'x', e_mail: 'y', PASSWORD: 'z', fine: 'w' } } }) as any;
    assert.deepEqual(out.a.b, { 'Access-Token': '[redacted]', e_mail: '[redacted]', PASSWORD: '[redacted]', fine: 'w' });
    assert.equal(isSecretKey('accessToken'), true);
    assert.equal(isSecretKey('accessToken'), true, 'same answer the second time');
    assert.equal(isSecretKey('method'), false);
    assert.equal(isSecretKey(`${'x'.repeat(100)}`), false);
  });

  test('the key memo stays correct past its bound', () => {
    for (let i = 0; i < 2000; i++) isSecretKey(`field${i}`);
    assert.equal(isSecretKey('apiAccessToken'), true);
    assert.equal(isSecretKey('event'), false);
    assert.deepEqual(scrubForLog({ refresh_token: 'Atzr|x', event: 'e' }), { refresh_token: '[redacted]', event: 'e' });
  });

  test('40 keys per object, 20 items per array, 6 levels, 500 characters', () => {
    const wide = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, i]));
    assert.deepEqual(Object.keys(scrubForLog(wide)), Array.from({ length: 40 }, (_, i) => `k${i}`));
    const list = (scrubForLog({ list: Array.from({ length: 25 }, (_, i) => i) }) as any).list;
    assert.deepEqual(list, [...Array.from({ length: 20 }, (_, i) => i), '[5 more]']);
    let deep: any = { leaf: 'x' };
    for (let i = 0; i < 10; i++) deep = { deep };
    const text = JSON.stringify(scrubForLog(deep));
    assert.equal(text.match(/"deep"/g)?.length, 7);
    assert.match(text, /"\[nested\]"/);
    assert.equal((scrubForLog({ s: 'b'.repeat(501) }) as any).s, `${'b'.repeat(500)}…[cut]`);
  });

  test('own keys only, functions dropped, dates and buffers summarised', () => {
    const proto = { inherited: 'anna@example.com' };
    const value = Object.assign(Object.create(proto), { own: 1, fn: () => 1, at: new Date(0), buf: Buffer.from('abc') });
    assert.deepEqual(scrubForLog(value), { own: 1, fn: undefined, at: '1970-01-01T00:00:00.000Z', buf: '[3 bytes]' });
  });

  test('a circular object ends in [circular]', () => {
    const a: any = { name: 'a', list: [] };
    a.self = a;
    a.list.push(a, { back: a });
    assert.deepEqual(scrubForLog(a), { name: 'a', list: ['[circular]', { back: '[circular]' }], self: '[circular]' });
  });

  test('an object shared many times is walked once: the work is bounded by objects, not paths', () => {
    // Eight keys to the same child on six levels: 8^6 paths, seven objects.
    let node: any = { leaf: 'x' };
    for (let i = 0; i < 6; i++) {
      const child = node;
      node = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`k${k}`, child]));
    }
    const text = JSON.stringify(scrubForLog(node));
    assert.ok(text.length < 2000, `${text.length} characters`);
    assert.match(text, /"leaf":"x"/);
  });

  test('a __proto__ key is written as a key, scrubbed and masked, never turned into a prototype', () => {
    const value = JSON.parse('{"__proto__": {"note": "token demo-token-anna for anna@example.com"}, "event": "e"}');
    const safe = scrubForLog(value);
    assert.equal(Object.getPrototypeOf(safe), Object.prototype);
    const masked = maskSecrets(value, ['demo-token-anna']);
    assert.equal(Object.getPrototypeOf(masked), Object.prototype);
    const text = JSON.stringify(masked);
    assert.ok(!text.includes('demo-token-anna') && !text.includes('anna@example.com'), text);
    assert.match(text, /"__proto__":\{"note":"token \[redacted\] for \[email\]"\}/);
    const flat = JSON.stringify(maskSecrets(JSON.parse('{"__proto__": "demo-token-anna"}'), ['demo-token-anna']));
    assert.equal(flat, '{"__proto__":"[redacted]"}');
  });
});

describe('maskSecrets and maskMessage', () => {
  const SECRETS = ['demo-token-anna', 'amzn1.ask.account.OPAQUE'];

  test('the given values are masked in every string, the caller\'s object is left alone', () => {
    const value = {
      event: 'catalog.call.failed',
      note: 'token demo-token-anna, twice: demo-token-anna',
      list: ['demo-token-anna', 3, { deeper: ['x demo-token-anna'] }],
      err: new Error('no customer for demo-token-anna', { cause: new Error('demo-token-anna unknown') }),
    };
    const before = JSON.stringify(value);
    const out = maskSecrets(value, SECRETS) as any;
    assert.equal(JSON.stringify(value), before, 'input untouched');
    assert.ok(!JSON.stringify(out).includes('demo-token-anna'), JSON.stringify(out));
    assert.equal(out.note, 'token [redacted], twice: [redacted]');
    assert.deepEqual(out.list, ['[redacted]', 3, { deeper: ['x [redacted]'] }]);
    assert.equal(out.err.message, 'no customer for [redacted]');
    assert.equal(out.err.cause.message, '[redacted] unknown');
    assert.deepEqual(maskSecrets({ a: 'x' }, []), { a: 'x' });
  });

  test('masking by value and scrubbing by pattern both apply', () => {
    assert.equal(maskMessage('demo-token-anna from anna@example.com, BEARER abc', SECRETS), '[redacted] from [email], BEARER [redacted]');
    assert.equal(maskMessage('request', SECRETS), 'request');
  });

  test('the logger does not change the object it is given', () => {
    const value = { event: 'x', user: { accessToken: 'demo-token-anna' }, note: 'anna@example.com' };
    const before = JSON.stringify(value);
    const out = captureLog();
    createLogger('info', out.sink).info(value, 'm');
    assert.equal(JSON.stringify(value), before);
    assert.ok(!out.text().includes('demo-token-anna') && !out.text().includes('anna@example.com'));
  });
});
