import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';

/**
 * Starts a baseline server on `PORT` (set by bench/run.ts) on 127.0.0.1 and says so on stdout.
 * Keep-alive timeouts stay at Node's defaults, as every server in the run has them.
 *
 * @example listenOnBenchPort(app) // express app or plain request listener
 */
export function listenOnBenchPort(listener: RequestListener): Server {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set by the bench runner');
  const server = createServer(listener);
  server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${port}\n`));
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  return server;
}

/** The minimal skill's and the fixed servers' answer: a small, valid Alexa response. */
export const FIXED_ALEXA_RESPONSE = {
  version: '1.0',
  response: {
    outputSpeech: { type: 'SSML', ssml: '<speak>Spülmittel Zitrone 500 ml kostet 1,29 €.</speak>' },
    shouldEndSession: false,
  },
};
