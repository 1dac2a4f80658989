// Preloaded into the shopvoice server under test (`node --import`), and only there: sends the
// certificate-chain download for s3.amazonaws.com to the bench's local HTTPS stand-in at
// BENCH_S3_CONNECT_TO (host:port). Nothing else changes: the verifier still builds the request,
// TLS still checks the stand-in's certificate for the name s3.amazonaws.com (trusted through
// NODE_EXTRA_CA_CERTS), and the chain it serves must still reach a root the operator trusts
// (SHOPVOICE_ALEXA_EXTRA_ROOTS). It is the fetcher's own `connectTo` test seam, applied from
// outside because the configuration has no setting for it. Plain JavaScript, so that it does not
// add a TypeScript loader to the cold start it is part of.
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const target = process.env.BENCH_S3_CONNECT_TO ?? '';
const [host, port] = target.split(':');
if (!host || !port) throw new Error('BENCH_S3_CONNECT_TO must be host:port');

const request = https.request;
https.request = function requestThroughStandIn(options, ...rest) {
  if (options && typeof options === 'object' && !(options instanceof URL) && options.host === 's3.amazonaws.com') {
    return request.call(this, { ...options, host, port: Number(port) }, ...rest);
  }
  return request.call(this, options, ...rest);
};
// `import { request } from 'node:https'` in the compiled server sees the wrapper too.
syncBuiltinESMExports();
