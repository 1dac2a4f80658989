import { loadConfig } from '../../config.js';
import { openConfiguredShop } from '../../catalog/open-shop.js';
import { openPurchaseCodes } from '../../state/open-purchase-codes.js';
import { PURCHASE_CODE } from '../../state/purchase-code-store.js';
import type { CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../command-args.js';

const USAGE = `usage: shopvoice account set-code --token TOKEN    (the four digits on stdin: echo 4711 | shopvoice account set-code --token …)
       shopvoice account remove-code --token TOKEN

The linked account's spoken purchase code (SHOPVOICE_PURCHASE_CODE=on asks for it before any order).
TOKEN is the linked account's access token; the code is read from stdin so it stays out of the
shell history and the process list, is stored hashed (scrypt) and is never printed.`;

const OPTIONS = { token: { type: 'string' }, help: { type: 'boolean' } } as const;

/** `shopvoice account set-code | remove-code`: a customer's purchase code, as the account page sets it. */
export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS, USAGE, io);
  if (typeof args === 'number') return args;
  const [action] = args.positionals;
  const token = args.values.token;
  if ((action !== 'set-code' && action !== 'remove-code') || !token) {
    io.err(USAGE);
    return 2;
  }
  const config = loadConfig();
  const shop = await openConfiguredShop(config);
  try {
    const customer = await shop.customerByToken(token);
    if (!customer) {
      io.err('shopvoice account: no customer has this access token');
      return 1;
    }
    const codes = await openPurchaseCodes({ dataDir: config.dataDir, url: config.state.url });
    try {
      if (action === 'remove-code') {
        io.out((await codes.removeCode(customer.id)) ? 'purchase code removed' : 'no purchase code was set');
        return 0;
      }
      const code = (await readAll(stdin)).trim();
      if (!PURCHASE_CODE.test(code)) {
        io.err('shopvoice account: the purchase code is four digits, on stdin');
        return 2;
      }
      await codes.setCode(customer.id, code, new Date());
      io.out(`purchase code set${config.purchaseCode ? '' : ' (SHOPVOICE_PURCHASE_CODE is off: it is asked only once the merchant turns it on)'}`);
      return 0;
    } finally {
      await codes.close();
    }
  } finally {
    await shop.close?.();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.length > 64) break;
  }
  return text;
}
