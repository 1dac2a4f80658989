import { AlexaVerificationError } from './verification-error.js';

/**
 * Checks the `SignatureCertChainUrl` header and returns it normalised (rule 1): WHATWG `URL`
 * resolves dot segments (`%2e%2e` included) and lower-cases scheme and host, and drops the default
 * port, so `https://S3.AMAZONAWS.COM:443/echo.api/../echo.api/x.pem` and
 * `https://s3.amazonaws.com/echo.api/x.pem` come out as the same URL (and share a cache entry).
 *
 * @example
 * parseCertChainUrl('https://s3.amazonaws.com/echo.api/echo-api-cert.pem').href
 * parseCertChainUrl('https://s3.amazonaws.com:443@evil.com/echo.api/x.pem') // throws: host evil.com
 */
export function parseCertChainUrl(header: string | undefined): URL {
  if (header === undefined || header === '') throw fail('missing SignatureCertChainUrl header');
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    throw fail('SignatureCertChainUrl is not a URL');
  }
  if (url.protocol !== 'https:') throw fail(`scheme ${url.protocol} is not https`);
  // `https://s3.amazonaws.com:443@evil.com/...` parses as user "s3.amazonaws.com", host evil.com:
  // the host check below rejects it; credentials are refused on their own as well.
  if (url.username !== '' || url.password !== '') throw fail('URL carries credentials');
  if (url.hostname !== 's3.amazonaws.com') throw fail(`host ${url.hostname} is not s3.amazonaws.com`);
  // An explicit :443 is dropped by the parser (default port), so any port left is a wrong one.
  if (url.port !== '') throw fail(`port ${url.port} is not 443`);
  // Case-sensitive on purpose: S3 keys are, and `/EcHo.aPi/` must be rejected.
  if (!url.pathname.startsWith('/echo.api/')) throw fail('path does not start with /echo.api/');
  url.hash = '';
  return url;
}

function fail(reason: string): AlexaVerificationError {
  return new AlexaVerificationError('cert-url', reason);
}
