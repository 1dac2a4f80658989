import { request } from 'node:https';
import { AlexaVerificationError } from './verification-error.js';

/** Downloads a certificate chain; the verifier's injectable seam (tests, benchmarks). */
export type CertChainFetcher = (url: URL) => Promise<Buffer>;

/** Options of the default fetcher; the defaults are what production runs with. */
export interface CertChainFetcherOptions {
  /** Whole download, connect to last byte, in ms. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; Amazon's chain is about 7 KiB. */
  maxBytes?: number;
  /**
   * Open the TCP connection here instead of at the URL's host; TLS still checks the certificate
   * against the URL's host name. For tests that serve chains from a local HTTPS server.
   */
  connectTo?: { host: string; port: number };
  /** CA certificates for the TLS connection; default Node's bundle. */
  ca?: string[];
}

const DEFAULTS = {
  timeoutMs: 3_000, // 3 s
  maxBytes: 64 * 1024, // 64 KiB
};

/**
 * The hardened default fetcher (rule 2): `https:` only, one GET, no redirects (any status but
 * 200 fails, 3xx included), a deadline on the whole download so a server that drips bytes cannot
 * hold a request, and a size cap checked against `Content-Length` and while streaming.
 *
 * @example
 * const fetchCertChain = createCertChainFetcher({ timeoutMs: 3000, maxBytes: 65536 });
 * const pem = (await fetchCertChain(new URL('https://s3.amazonaws.com/echo.api/echo-api-cert.pem'))).toString();
 */
export function createCertChainFetcher(options: CertChainFetcherOptions = {}): CertChainFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  return (url) =>
    new Promise<Buffer>((resolve, reject) => {
      if (url.protocol !== 'https:') {
        reject(fail(`refusing to fetch ${url.protocol} URL`));
        return;
      }
      let settled = false;
      const settle = (error: AlexaVerificationError | undefined, body?: Buffer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          req.destroy();
          reject(error);
        } else {
          resolve(body as Buffer);
        }
      };
      const req = request(
        {
          host: options.connectTo?.host ?? url.hostname,
          port: options.connectTo?.port ?? (url.port || 443),
          servername: url.hostname,
          path: url.pathname + url.search,
          method: 'GET',
          headers: { host: url.host, accept: '*/*' },
          ca: options.ca,
          agent: false,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            const what = status >= 300 && status < 400 ? 'redirect refused' : 'unexpected status';
            settle(fail(`${what}: HTTP ${status}`));
            return;
          }
          const declared = Number(res.headers['content-length']);
          if (declared > maxBytes) {
            settle(fail(`Content-Length ${declared} exceeds ${maxBytes} bytes`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) settle(fail(`body exceeds ${maxBytes} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            if (res.complete) settle(undefined, Buffer.concat(chunks));
          });
          res.on('error', (cause) => settle(fail(`download failed: ${cause.message}`)));
          // After a complete body 'end' has settled already; otherwise the body was cut short.
          res.on('close', () => settle(fail('connection closed before the body was complete')));
        },
      );
      const timer = setTimeout(() => settle(fail(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (cause) => settle(fail(`download failed: ${cause.message}`)));
      req.end();
    });
}

function fail(reason: string): AlexaVerificationError {
  return new AlexaVerificationError('cert-fetch', reason);
}
