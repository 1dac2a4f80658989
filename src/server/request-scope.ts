import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../domain/deps.js';
import type { RequestOutcome } from './metrics.js';
import { maskMessage, maskSecrets } from './privacy.js';

/** What belongs to one HTTP request while it is being answered. */
export interface RequestScope {
  /** The `x-request-id` the app answers with. */
  readonly id: string;
  /** The process logger with `reqId` bound. */
  readonly log: Logger;
  /** Tokens and ids this request carries, masked by value in its log lines (read when a line is written). */
  readonly secrets?: () => string[];
  /** How the turn ended, once the domain answered (metrics). */
  outcome?: RequestOutcome;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it awaits) inside `scope`. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being answered, if any. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * A logger that writes through the current request's child logger, so every line a turn logs
 * (domain, adapters, catalog) carries the request id without each layer passing it on, and the
 * request's own tokens and ids are masked wherever they appear in the line.
 *
 * @example createAlexaSkill({ ...deps, log: scopedLogger(deps.log) })
 */
export function scopedLogger(base: Logger): Logger {
  const write = (level: Level) => (obj: object, msg?: string) => {
    const scope = storage.getStore();
    if (!scope) return base[level](obj, msg);
    const secrets = scope.secrets?.() ?? [];
    scope.log[level](maskSecrets(obj, secrets), msg === undefined ? undefined : maskMessage(msg, secrets));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (bindings) => {
      const log = storage.getStore()?.log ?? base;
      return log.child ? log.child(bindings) : log;
    },
  };
}
