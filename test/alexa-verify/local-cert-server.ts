import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeChain } from '../support/alexa-certs.js';

/** A local HTTPS server posing as s3.amazonaws.com, misbehaving on purpose per path. */
export interface LocalCertServer {
  /** Where the fetcher should connect instead of s3.amazonaws.com. */
  connectTo: { host: string; port: number };
  /** The CA that issued the server's TLS certificate (s3.amazonaws.com). */
  ca: string[];
  /** Requests seen, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves `chainPem` at `/echo.api/ok.pem`, and at other paths: `redirect.pem` (302 to ok.pem),
 * `moved.pem` (301), `missing.pem` (404), `stall.pem` (never answers), `drip.pem` (a byte every
 * 50 ms), `exact-limit.pem` / `over-limit.pem` (64 KiB / 64 KiB + 1 without Content-Length),
 * `declared-too-big.pem` (Content-Length 1 MiB), `truncated.pem` (closes mid-body).
 */
export async function startLocalCertServer(chainPem: string): Promise<LocalCertServer> {
  const tls = await makeChain({ san: ['s3.amazonaws.com'] });
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer({ key: tls.leafKeyPem, cert: `${tls.leafPem}\n${tls.intermediatePem}` }, (req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case '/echo.api/ok.pem':
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(chainPem);
        return;
      case '/echo.api/redirect.pem':
        res.writeHead(302, { location: 'https://s3.amazonaws.com/echo.api/ok.pem' }).end();
        return;
      case '/echo.api/moved.pem':
        res.writeHead(301, { location: '/echo.api/ok.pem' }).end();
        return;
      case '/echo.api/stall.pem':
        return;
      case '/echo.api/drip.pem': {
        res.writeHead(200);
        const timer = setInterval(() => res.write('-'), 50);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/echo.api/exact-limit.pem':
        res.writeHead(200);
        for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 0x41));
        res.end();
        return;
      case '/echo.api/over-limit.pem':
        res.writeHead(200);
        for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 0x41));
        res.end('A');
        return;
      case '/echo.api/declared-too-big.pem':
        res.writeHead(200, { 'content-length': String(1024 * 1024) });
        res.write(chainPem);
        return;
      case '/echo.api/truncated.pem':
        res.writeHead(200, { 'content-length': String(chainPem.length) });
        res.write(chainPem.slice(0, 100), () => res.destroy());
        return;
      default:
        res.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectTo: { host: '127.0.0.1', port },
    ca: [tls.rootPem],
    hits,
    async close() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
