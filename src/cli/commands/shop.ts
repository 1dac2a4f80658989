import type { CliIo } from '../cli-io.js';

/** `shopvoice shop import FILE` and `shopvoice shop search ...`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return (await import('./shop-import.js')).run(rest, io);
  if (sub === 'search') return (await import('./shop-search.js')).run(rest, io);
  io.err('usage: shopvoice shop import FILE | shopvoice shop search [--locale de-DE] [--json] "spoken text"');
  return 2;
}
