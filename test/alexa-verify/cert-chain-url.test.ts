// Rule 1: the SignatureCertChainUrl header, normalised first, then checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCertChainUrl } from '../../src/platforms/alexa/verifier/index.js';
import { rejectsAt } from './assert-verification.js';

const CANONICAL = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';

describe('rule 1: certificate chain URL', () => {
  const accepted = [
    'https://s3.amazonaws.com/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
    'https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem',
  ];
  for (const url of accepted) {
    it(`accepts ${url} and normalises it`, () => {
      assert.equal(parseCertChainUrl(url).href, CANONICAL);
    });
  }

  it('accepts an upper-case scheme', () => {
    assert.equal(parseCertChainUrl('HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem').href, CANONICAL);
  });

  const rejected: Array<[string, RegExp]> = [
    ['http://s3.amazonaws.com/echo.api/echo-api-cert.pem', /scheme/],
    ['https://notamazon.com/echo.api/echo-api-cert.pem', /host/],
    ['https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem', /path/],
    ['https://s3.amazonaws.com/invalid.path/echo-api-cert.pem', /path/],
    ['https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem', /port/],
    ['https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem', /path/],
    ['https://s3.amazonaws.com:443@evil.com/echo.api/echo-api-cert.pem', /credentials|host/],
    // Beyond the document's list: encoded dot segments, look-alike hosts, no path prefix.
    ['https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/echo-api-cert.pem', /path/],
    ['https://s3.amazonaws.com.evil.com/echo.api/echo-api-cert.pem', /host/],
    ['https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem', /credentials/],
    ['https://s3.amazonaws.com/echo.api', /path/],
    ['s3.amazonaws.com/echo.api/echo-api-cert.pem', /not a URL/],
  ];
  for (const [url, reason] of rejected) {
    it(`rejects ${url}`, async () => {
      await rejectsAt(() => parseCertChainUrl(url), 'cert-url', reason);
    });
  }

  it('rejects a missing header', async () => {
    await rejectsAt(() => parseCertChainUrl(undefined), 'cert-url', /missing/);
    await rejectsAt(() => parseCertChainUrl(''), 'cert-url', /missing/);
  });

  it('checks the host of the parsed URL, so :443@evil.com is taken as user info and refused', async () => {
    assert.equal(new URL('https://s3.amazonaws.com:443@evil.com/echo.api/x.pem').hostname, 'evil.com');
    await rejectsAt(() => parseCertChainUrl('https://s3.amazonaws.com:443@evil.com/echo.api/x.pem'), 'cert-url', /credentials/);
    await rejectsAt(() => parseCertChainUrl('https://evil.com/echo.api/x.pem'), 'cert-url', /host evil\.com/);
  });
});
