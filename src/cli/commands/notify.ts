import { loadConfig } from '../../config.js';
import { enqueueStatusChange } from '../../notifications/enqueue-status-change.js';
import { createLwaTokenClient } from '../../notifications/lwa-token-client.js';
import { readNotificationSettings } from '../../config.js';
import { openOutbox } from '../../notifications/open-outbox.js';
import { createOutboxWorker } from '../../notifications/outbox-worker.js';
import { parseStatusChanges } from '../../notifications/parse-status-changes.js';
import { createProactiveEventsSender } from '../../notifications/proactive-events-sender.js';
import { parseCommandArgs } from '../command-args.js';
import type { CliIo } from '../cli-io.js';

const USAGE = [
  'usage: shopvoice notify ORDER STATUS --customer ID [--arrival ISO]   enqueue an order status notification',
  '       shopvoice notify --drain                                    send until the outbox is empty',
  '       shopvoice notify --dead-letters                             list the notifications given up',
  '',
  'STATUS: PREORDER_RECEIVED, ORDER_RECEIVED, ORDER_PREPARING, ORDER_SHIPPED (needs --arrival),',
  '        ORDER_OUT_FOR_DELIVERY, ORDER_DELIVERED',
].join('\n');

const OPTIONS = {
  customer: { type: 'string' },
  arrival: { type: 'string' },
  drain: { type: 'boolean' },
  'dead-letters': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WHY_NOT: Record<string, string> = {
  'no-subscriber': 'the customer has no linked Alexa user who turned on order notifications',
  'locale-not-supported': "Amazon does not accept this notification in the customer's locale (docs/notifications.md)",
};

/**
 * `shopvoice notify`: enqueue a status change, drain the outbox, or list dead letters. `env` and
 * `now` are parameters so tests can point it at a fake Alexa and a fixed clock.
 *
 * @example await runNotify(['10042', 'ORDER_DELIVERED', '--customer', 'C-ANNA'], io);
 */
export async function runNotify(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env, now: () => Date = () => new Date()): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS, USAGE, io);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const modes = [positionals.length > 0, values.drain === true, values['dead-letters'] === true].filter(Boolean).length;
  if (modes !== 1 || (positionals.length > 0 && positionals.length !== 2)) {
    io.err(USAGE);
    return 2;
  }
  const settings = readNotificationSettings(env);
  const outbox = await openOutbox({ dataDir: loadConfig(env).dataDir, url: settings.stateUrl });
  try {
    if (values['dead-letters']) {
      const dead = await outbox.listDeadLetters();
      if (dead.length === 0) io.out('no dead letters');
      for (const d of dead) io.out(`${d.failedAt.toISOString()}  ${d.referenceId}  ${d.eventName}  attempts ${d.attempts}  ${d.reason}`);
      return 0;
    }
    if (values.drain) {
      if (!settings.clientId || !settings.clientSecret) {
        io.err('shopvoice notify --drain: set SHOPVOICE_ALEXA_CLIENT_ID and SHOPVOICE_ALEXA_CLIENT_SECRET (developer console, Build → Permissions → Alexa Skill Messaging)');
        return 1;
      }
      const tokens = createLwaTokenClient({ clientId: settings.clientId, clientSecret: settings.clientSecret, tokenUrl: settings.tokenUrl, now });
      const sender = createProactiveEventsSender({ url: settings.eventsUrl, tokens, now });
      const summary = await createOutboxWorker({ store: outbox, sender, now }).drain();
      const backlog = await outbox.backlog(now());
      io.out(`sent ${summary.sent}, retried ${summary.retried}, given up ${summary.dead}; ${backlog.dead} dead letters in all`);
      return summary.dead > 0 ? 1 : 0;
    }
    const [orderNumber, status] = positionals as [string, string];
    const { changes, problems } = parseStatusChanges({ customerId: values.customer, orderNumber, status, expectedArrival: values.arrival });
    if (problems.length > 0) {
      for (const problem of problems) io.err(`shopvoice notify: ${problem.replace('customerId', '--customer').replace('expectedArrival', '--arrival')}`);
      return 2;
    }
    const { customerId, ...change } = changes[0]!;
    const result = await enqueueStatusChange({ outbox, now, sellerNames: settings.sellerNames, locales: settings.locales }, customerId, { shopId: settings.shopId, ...change });
    if (result.outcome === 'enqueued' || result.outcome === 'duplicate') {
      io.out(`${result.outcome === 'enqueued' ? 'enqueued' : 'already in the outbox'}: ${result.referenceId} (order ${orderNumber}, ${status})`);
      return 0;
    }
    io.err(`not enqueued: ${WHY_NOT[result.outcome]}`);
    return 1;
  } finally {
    await outbox.close();
  }
}

/** The CLI entry (`COMMANDS.notify` in main.ts). */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runNotify(argv, io);
}
