import pino from 'pino';
import type { Logger } from '../domain/deps.js';
import { scrubForLog, scrubText } from './privacy.js';

/**
 * Marks a line whose fields the server built itself from values that cannot carry personal data
 * (route, status, timing, a request id it checked): the scrubber skips it. It is the access line
 * every request writes, where scrubbing was about a tenth of the line's cost (bench/NOTES.md,
 * "Logging"). A symbol key, so it never appears in the line.
 */
export const SERVER_FIELDS_ONLY: unique symbol = Symbol('server fields only');

/**
 * The process logger: JSON lines on stdout (or a given stream). Every call passes through
 * `scrubForLog` first, so tokens, e-mail and postal addresses, Alexa ids and request bodies
 * never reach a line, whichever key or message they hide in (README, "Privacy and security").
 *
 * @example
 *   const log = createLogger('info');
 *   log.child({ reqId }).warn({ method: 'listOrders', err }, 'catalog call failed');
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'shopvoice' },
    // The scrubber has already turned errors into plain `{ type, message, stack }` objects.
    serializers: { err: (err: unknown) => err },
    hooks: {
      // `args` is pino's own array of this call's arguments: scrubbed in place, no copy per line.
      logMethod(args, method) {
        const list = args as unknown[];
        for (let i = 0; i < list.length; i++) {
          const arg = list[i];
          if (typeof arg === 'string') list[i] = scrubText(arg);
          else if (typeof arg === 'object' && arg !== null && !(SERVER_FIELDS_ONLY in arg)) list[i] = scrubForLog(arg);
        }
        return method.apply(this, args);
      },
    },
  };
  return (destination ? pino(options, destination as pino.DestinationStream) : pino(options)) as unknown as Logger;
}
