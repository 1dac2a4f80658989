/** Where a command writes: its output lines and its error lines (tests capture both). */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One command: its arguments in, its exit code out. */
export type CommandRunner = (argv: string[], io: CliIo) => Promise<number>;
