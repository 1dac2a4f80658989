// Rule 2: the chain is downloaded with a timeout, a size cap and no redirects, from a real
// HTTPS server on 127.0.0.1 that poses as s3.amazonaws.com.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { createCertChainFetcher, type CertChainFetcher } from '../../src/platforms/alexa/verifier/index.js';
import { makeChain } from '../support/alexa-certs.js';
import { rejectsAt } from './assert-verification.js';
import { startLocalCertServer, type LocalCertServer } from './local-cert-server.js';

const s3 = (name: string): URL => new URL(`https://s3.amazonaws.com/echo.api/${name}`);
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The download's deadline on node:test's mock clock (setTimeout only; the server's own timers and
 * the sockets run as usual): once the request has reached the server, the download is still
 * pending 1 ms before `ms` and refused at `ms`. Exact, and no test waits for a real timeout.
 */
async function refusedAtDeadline(server: LocalCertServer, download: (url: URL) => Promise<Buffer>, name: string, ms: number): Promise<void> {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const path = `/echo.api/${name}`;
    const before = server.hits.get(path) ?? 0;
    let settled = false;
    const answer = download(s3(name));
    answer.then(() => (settled = true), () => (settled = true));
    while ((server.hits.get(path) ?? 0) === before) await settle();
    mock.timers.tick(ms - 1);
    await settle();
    assert.equal(settled, false, `still downloading ${ms - 1} ms in`);
    mock.timers.tick(1);
    await rejectsAt(answer, 'cert-fetch', new RegExp(`within ${ms} ms`));
  } finally {
    mock.timers.reset();
  }
}

describe('rule 2: downloading the chain', () => {
  let server: LocalCertServer;
  let chainPem: string;
  let fetchChain: CertChainFetcher;

  before(async () => {
    chainPem = (await makeChain()).chainPem;
    server = await startLocalCertServer(chainPem);
    fetchChain = createCertChainFetcher({ connectTo: server.connectTo, ca: server.ca, timeoutMs: 500 });
  });
  after(() => server.close());

  it('downloads the PEM over TLS checked against s3.amazonaws.com', async () => {
    assert.equal((await fetchChain(s3('ok.pem'))).toString(), chainPem);
  });

  it('refuses a TLS certificate that does not name the URL\'s host', async () => {
    const fetcher = createCertChainFetcher({ connectTo: server.connectTo, ca: server.ca });
    await rejectsAt(fetcher(new URL('https://echo-api.example/echo.api/ok.pem')), 'cert-fetch', /download failed/);
  });

  it('refuses a server whose TLS certificate is not trusted', async () => {
    const fetcher = createCertChainFetcher({ connectTo: server.connectTo });
    await rejectsAt(fetcher(s3('ok.pem')), 'cert-fetch', /download failed/);
  });

  it('does not follow redirects: any 3xx fails and the target is never asked', async () => {
    await rejectsAt(fetchChain(s3('redirect.pem')), 'cert-fetch', /redirect refused: HTTP 302/);
    await rejectsAt(fetchChain(s3('moved.pem')), 'cert-fetch', /redirect refused: HTTP 301/);
    assert.equal(server.hits.get('/echo.api/ok.pem'), 1, 'only the first test fetched ok.pem');
  });

  it('fails on any status but 200', async () => {
    await rejectsAt(fetchChain(s3('missing.pem')), 'cert-fetch', /HTTP 404/);
  });

  it('gives up on a server that never answers, after the timeout', async () => {
    await refusedAtDeadline(server, fetchChain, 'stall.pem', 500);
  });

  it('gives up on a server that drips bytes: the deadline covers the whole download', async () => {
    await refusedAtDeadline(server, fetchChain, 'drip.pem', 500);
  });

  it('accepts 64 KiB and refuses one byte more, streamed without Content-Length', async () => {
    assert.equal((await fetchChain(s3('exact-limit.pem'))).length, 64 * 1024);
    await rejectsAt(fetchChain(s3('over-limit.pem')), 'cert-fetch', /exceeds 65536 bytes/);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    await rejectsAt(fetchChain(s3('declared-too-big.pem')), 'cert-fetch', /Content-Length 1048576 exceeds/);
  });

  it('refuses a body cut short', async () => {
    await rejectsAt(fetchChain(s3('truncated.pem')), 'cert-fetch', /closed before|download failed/);
  });

  it('refuses anything but https without connecting', async () => {
    const before = [...server.hits.values()].reduce((a, b) => a + b, 0);
    await rejectsAt(fetchChain(new URL('http://s3.amazonaws.com/echo.api/ok.pem')), 'cert-fetch', /http:/);
    assert.equal([...server.hits.values()].reduce((a, b) => a + b, 0), before);
  });

  it('defaults to a 3 s deadline and a 64 KiB cap', async () => {
    const defaults = createCertChainFetcher({ connectTo: server.connectTo, ca: server.ca });
    await rejectsAt(defaults(s3('over-limit.pem')), 'cert-fetch', /exceeds 65536 bytes/);
    await refusedAtDeadline(server, defaults, 'stall.pem', 3_000);
  });
});
