import pino from 'pino';
import type { Logger } from '../domain/deps.js';
import { scrubForLog, scrubText } from './privacy.js';

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
      logMethod(args, method) {
        const safe = args.map((arg) => {
          if (typeof arg === 'string') return scrubText(arg);
          if (typeof arg === 'object' && arg !== null) return scrubForLog(arg);
          return arg;
        });
        return method.apply(this, safe as Parameters<typeof method>);
      },
    },
  };
  return (destination ? pino(options, destination as pino.DestinationStream) : pino(options)) as unknown as Logger;
}
