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
 * child logger before the first line. Three small objects per request, their methods shared on
 * prototypes (closures per request were a measurable share of the garbage: bench/NOTES.md).
 *
 * @example
 *   const scope = createRequestScope(log, { id, started, deadline: started + REPLY_BUDGET_MS, authorization });
 *   scope.log.warn({ err }, 'catalog call failed'); // {"reqId":"…","err":{…"message":"token [redacted] refused"}}
 */
export function createRequestScope(
  base: Logger,
  request: { id: string; started: number; deadline: number; authorization?: string },
): RequestScope {
  return new Scope(base, request.id, request.started, request.deadline, request.authorization);
}

class Scope implements RequestScope {
  body?: unknown;
  outcome?: RequestScope['outcome'];
  /** pino's child logger with `reqId` bound, made on the first masked line. */
  child: Logger | undefined = undefined;
  readonly log: Logger;
  readonly plainLog: Logger;

  constructor(
    readonly base: Logger,
    readonly id: string,
    readonly started: number,
    readonly deadline: number,
    readonly authorization: string | undefined,
  ) {
    this.log = new MaskedLog(this);
    this.plainLog = new PlainLog(this);
  }

  bound(): Logger {
    return (this.child ??= this.base.child?.({ reqId: this.id }) ?? this.base);
  }
}

/** A logger whose four levels go through one `write`. */
abstract class LevelLog implements Logger {
  protected abstract write(level: Level, obj: object, msg: string | undefined): void;

  debug(obj: object, msg?: string): void {
    this.write('debug', obj, msg);
  }
  info(obj: object, msg?: string): void {
    this.write('info', obj, msg);
  }
  warn(obj: object, msg?: string): void {
    this.write('warn', obj, msg);
  }
  error(obj: object, msg?: string): void {
    this.write('error', obj, msg);
  }
}

/** The request's logger: `reqId` bound, the request's secrets masked in every line. */
class MaskedLog extends LevelLog {
  constructor(private readonly scope: Scope) {
    super();
  }

  protected write(level: Level, obj: object, msg: string | undefined): void {
    // A child logger has its parent's level: a dropped line is known before one is made.
    if (!this.isLevelEnabled(level)) return;
    const log = this.scope.bound();
    const found = requestSecrets(this.scope.body, this.scope.authorization);
    log[level](maskSecrets(obj, found), msg === undefined ? undefined : maskMessage(msg, found));
  }

  child(bindings: object): Logger {
    const log = this.scope.bound();
    return log.child ? log.child(bindings) : log;
  }
  isLevelEnabled(level: string): boolean {
    return (this.scope.child ?? this.scope.base).isLevelEnabled?.(level) ?? true;
  }
}

/**
 * The access line's logger: the id as a field rather than through a child logger (the same line,
 * without building a child for the one line most requests write), no masking.
 */
class PlainLog extends LevelLog {
  constructor(private readonly scope: Scope) {
    super();
  }

  protected write(level: Level, obj: object, msg: string | undefined): void {
    const { child, base, id } = this.scope;
    if (child) child[level](obj, msg);
    else base[level]({ reqId: id, ...obj }, msg);
  }
}
