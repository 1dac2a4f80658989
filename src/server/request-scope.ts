import type { Logger } from '../domain/deps.js';
import type { RequestOutcome } from './metrics.js';
import { maskMessage, maskSecrets } from './privacy.js';

/**
 * What belongs to one HTTP request while it is being answered. It is handed down explicitly
 * (as the request's `TurnDeps`), not kept in an AsyncLocalStorage: on Node 20 that hooks every
 * promise of every request (README, "Benchmarks").
 */
export interface RequestScope {
  /** The `x-request-id` the app answers with. */
  readonly id: string;
  /** Lines about this request: `reqId` bound, and the request's tokens and ids masked wherever they appear. */
  readonly log: Logger;
  /** The access line's logger: `reqId` on the line, no masking (the line carries no value from the request). */
  readonly plainLog: Logger;
  /** When the request came in (`performance.now()`): the reply's budget counts from here. */
  readonly started: number;
  /** How the turn ended, once the domain answered (metrics). */
  outcome?: RequestOutcome;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The scope of one request. `secrets` lists the tokens and ids the request carries; it is read
 * only when a line is written, so a request that logs nothing but its access line never pays
 * for it, nor for pino's child logger before the first line.
 *
 * @example
 *   const scope = createRequestScope(log, id, performance.now(), () => requestSecrets(req.body, req.headers.authorization));
 *   scope.log.warn({ err }, 'catalog call failed'); // {"reqId":"…","err":{…"message":"token [redacted] refused"}}
 */
export function createRequestScope(base: Logger, id: string, started: number, secrets: () => string[]): RequestScope {
  let child: Logger | undefined;
  const bound = (): Logger => (child ??= base.child?.({ reqId: id }) ?? base);
  const write = (level: Level) => (obj: object, msg?: string) => {
    const log = bound();
    if (log.isLevelEnabled?.(level) === false) return;
    const found = secrets();
    log[level](maskSecrets(obj, found), msg === undefined ? undefined : maskMessage(msg, found));
  };
  // The id as a field rather than through a child logger: the same line, without building a child
  // for the one line most requests write.
  const plain = (level: Level) => (obj: object, msg?: string) => (child ?? base)[level](child ? obj : { reqId: id, ...obj }, msg);
  return {
    id,
    started,
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
}
