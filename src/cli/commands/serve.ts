import type { CliIo } from '../cli-io.js';

/** `shopvoice serve`: what `npm start` runs. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.err('usage: shopvoice serve   (configure with PORT, SHOPVOICE_DATA_DIR, ... — see the README)');
    return 2;
  }
  const { serve } = await import('../../server/main.js');
  await serve(undefined, io.out);
  return await new Promise<number>(() => {});
}
