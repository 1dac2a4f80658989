import pino from 'pino';
import type { Logger } from '../domain/deps.js';

/**
 * Paths that may carry personal data or secrets; pino replaces them before a line is written.
 * Request bodies are never logged whole (see the README's privacy section).
 */
export const REDACTED_PATHS = [
  'accessToken', '*.accessToken', '*.*.accessToken',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'email', '*.email', 'address', '*.address', 'phone', '*.phone',
  'body', '*.body', 'password', '*.password',
];

/** The process logger: JSON lines on stdout (or a given stream), secrets and personal data redacted. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'shopvoice' } };
  return (destination ? pino(options, destination as pino.DestinationStream) : pino(options)) as unknown as Logger;
}
