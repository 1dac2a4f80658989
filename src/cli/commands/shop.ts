import type { CliIo } from '../cli-io.js';

/** `shopvoice shop import FILE` and `shopvoice shop search ...`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return (await import('./shop-import.js')).run(rest, io);
  if (sub === 'search') return (await import('./shop-search.js')).run(rest, io);
  if (sub === 'configure') return (await import('./shop-configure.js')).run(rest, io);
  if (sub === 'show') return (await import('./shop-show.js')).run(rest, io);
  if (sub === 'check') return (await import('./shop-check.js')).run(rest, io);
  io.err('usage: shopvoice shop import FILE | configure FILE [--keep-demo] | show | check [--token TOKEN] | search [--locale de-DE] [--json] "spoken text"');
  return 2;
}
