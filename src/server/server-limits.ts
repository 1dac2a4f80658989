import { createServer, type RequestListener, type Server } from 'node:http';

/** How long a connection may hold the server at each stage; set on purpose, not Node's defaults. */
export interface ServerLimits {
  /** Until the request's headers are complete (Node's default: 60 s). */
  headersTimeoutMs: number;
  /** Until the whole request, body included, is received (Node's default: 300 s): a trickled body ends here. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two request timeouts above (its default, 30 s, would let them overrun). */
  checkIntervalMs: number;
  /** Open connections at once; more are dropped on accept. */
  maxConnections: number;
}

/** Alexa and Dialogflow send whole requests at once and give up after 8 s and 5 s. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 1024,
};

/**
 * A Node HTTP server with the limits set: a request not received within `requestTimeoutMs` is
 * answered 408 and its connection closed, whatever pace its body comes at.
 *
 * @example const server = createLimitedServer(app, { ...DEFAULT_SERVER_LIMITS, maxConnections: 200 });
 */
export function createLimitedServer(listener: RequestListener, limits: Partial<ServerLimits> = {}): Server {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  const server = createServer(
    {
      // headersTimeout must not exceed requestTimeout (Node refuses that).
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    },
    listener,
  );
  server.maxConnections = l.maxConnections;
  return server;
}
