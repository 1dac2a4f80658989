import type { CliIo } from '../../../src/cli/cli-io.js';

/** A CliIo that keeps what the command printed. */
export function captureIo(): CliIo & { lines: string[]; errors: string[]; text: () => string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    text: () => [...lines, ...errors].join('\n'),
  };
}
