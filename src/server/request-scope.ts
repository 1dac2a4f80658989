import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../domain/deps.js';
import type { RequestContext } from '../platforms/request-context.js';
import { maskMessage, maskSecrets, requestSecrets } from './privacy.js';

/** The platforms' request context as the server's transports create it: plus the id, the access line's logger and the start. */
export interface RequestScope extends RequestContext {
  /** The `x-request-id` the server answers with. */
  readonly id: string;
  /** The access line's logger: `reqId` on the line, no masking (the line carries no value from the request). */
  readonly plainLog: Logger;
  /** When the request came in (`performance.now()`). */
  readonly started: number;
}

/** Request id, logger and deadline, metrics and access line: what the front (app.ts) gives every request, platform route or express. */
export type Observe = (req: IncomingMessage, res: ServerResponse, route: string, next: (scope: RequestScope) => void) => void;

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The context of one request. The secrets to mask (the `authorization` header, and the tokens and
 * ids the parsed body carries once an endpoint has set `body`) are gathered only when a line is
 * written, so a request that logs nothing but its access line never pays for them, nor for pino's
 * child logger before the first line.
 *
 * @example
 *   const scope = createRequestScope(log, { id, started, deadline: started + REPLY_BUDGET_MS, authorization });
 *   scope.log.warn({ err }, 'catalog call failed'); // {"reqId":"…","err":{…"message":"token [redacted] refused"}}
 */
export function createRequestScope(
  base: Logger,
  request: { id: string; started: number; deadline: number; authorization?: string },
): RequestScope {
  const { id } = request;
  let child: Logger | undefined;
  const bound = (): Logger => (child ??= base.child?.({ reqId: id }) ?? base);
  const write = (level: Level) => (obj: object, msg?: string) => {
    const log = bound();
    if (log.isLevelEnabled?.(level) === false) return;
    const found = requestSecrets(scope.body, request.authorization);
    log[level](maskSecrets(obj, found), msg === undefined ? undefined : maskMessage(msg, found));
  };
  // The id as a field rather than through a child logger: the same line, without building a child
  // for the one line most requests write.
  const plain = (level: Level) => (obj: object, msg?: string) => (child ?? base)[level](child ? obj : { reqId: id, ...obj }, msg);
  const scope: RequestScope = {
    id,
    started: request.started,
    deadline: request.deadline,
    log: {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (bindings) => {
        const log = bound();
        return log.child ? log.child(bindings) : log;
      },
      isLevelEnabled: (level) => bound().isLevelEnabled?.(level) ?? true,
    },
    plainLog: { debug: plain('debug'), info: plain('info'), warn: plain('warn'), error: plain('error') },
  };
  return scope;
}
