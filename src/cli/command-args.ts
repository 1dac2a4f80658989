import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>;

/**
 * A command's flags and positionals, or the exit code when it should stop: 2 (usage on stderr)
 * for unknown or malformed flags, 0 (usage on stdout) for `--help`. The options must declare `help`.
 *
 * @example
 *   const args = parseCommandArgs(argv, OPTIONS, USAGE, io);
 *   if (typeof args === 'number') return args;
 */
export function parseCommandArgs<O extends Options & { help: { type: 'boolean' } }>(argv: string[], options: O, usage: string, io: CliIo): Parsed<O> | number {
  let args: Parsed<O>;
  try {
    args = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((args.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return args;
}
