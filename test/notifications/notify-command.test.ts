import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runNotify } from '../../src/cli/commands/notify.js';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';

const NOW = new Date('2026-11-24T09:00:00Z');

async function setUp(t: { after(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-notify-'));
  const fake = await startFakeAlexaEvents();
  t.after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const outbox = openSqliteOutbox(dir);
  await outbox.setSubscriptions('amzn1.ask.account.ANNA', ['AMAZON.OrderStatus.Updated'], 'en-US', NOW);
  await outbox.linkCustomer('amzn1.ask.account.ANNA', 'C-ANNA', undefined, NOW);
  await outbox.close();
  const env = {
    SHOPVOICE_DATA_DIR: dir,
    SHOPVOICE_ALEXA_EVENTS_URL: fake.eventsUrl,
    SHOPVOICE_LWA_URL: fake.tokenUrl.replace('/auth/o2/token', ''),
    SHOPVOICE_ALEXA_CLIENT_ID: FAKE_CLIENT_ID,
    SHOPVOICE_ALEXA_CLIENT_SECRET: FAKE_CLIENT_SECRET,
    SHOPVOICE_SHOP_ID: 'lindenhof',
  };
  const cli = async (argv: string[], extraEnv: Record<string, string | undefined> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runNotify(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { ...env, ...extraEnv }, () => NOW);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { fake, cli };
}

test('notify enqueues once, drains through Alexa, and lists what was given up', async (t) => {
  const { fake, cli } = await setUp(t);
  const shipped = await cli(['10042', 'ORDER_SHIPPED', '--customer', 'C-ANNA', '--arrival', '2026-11-24T16:00:00Z']);
  assert.equal(shipped.code, 0, shipped.err);
  assert.match(shipped.out, /^enqueued: os~[0-9a-f]{64} \(order 10042, ORDER_SHIPPED\)$/);
  assert.match((await cli(['10042', 'ORDER_SHIPPED', '--customer', 'C-ANNA', '--arrival', '2026-11-24T16:00:00Z'])).out, /^already in the outbox/);
  assert.equal((await cli(['10041', 'ORDER_DELIVERED', '--customer', 'C-ANNA'])).code, 0);
  assert.deepEqual(await cli(['--dead-letters']), { code: 0, out: 'no dead letters', err: '' });

  fake.cue({ status: 400 });
  const drained = await cli(['--drain']);
  assert.deepEqual(drained, { code: 1, out: 'sent 1, retried 0, given up 1; 1 dead letters in all', err: '' });
  assert.equal(fake.accepted.size, 1);
  const dead = await cli(['--dead-letters']);
  assert.match(dead.out, /^2026-11-24T09:00:00.000Z  os~[0-9a-f]{64}  AMAZON.OrderStatus.Updated  attempts 1  HTTP 400/);
  assert.deepEqual(await cli(['--drain']), { code: 0, out: 'sent 0, retried 0, given up 0; 1 dead letters in all', err: '' });
});

test('notify refuses what it cannot send, and says why', async (t) => {
  const { cli } = await setUp(t);
  assert.deepEqual(await cli(['10043', 'ORDER_PREPARING', '--customer', 'C-NOBODY']), {
    code: 1,
    out: '',
    err: 'not enqueued: the customer has no linked Alexa user who turned on order notifications',
  });
  assert.equal((await cli(['10043', 'ORDER_SHIPPED', '--customer', 'C-ANNA'])).err, 'shopvoice notify: --arrival is required for ORDER_SHIPPED');
  assert.equal((await cli(['10043', 'ORDER_LOST', '--customer', 'C-ANNA'])).code, 2);
  assert.equal((await cli(['10043', 'ORDER_RECEIVED'])).err, 'shopvoice notify: --customer must be a non-empty string');
  assert.equal((await cli(['--drain', '--dead-letters'])).code, 2);
  assert.equal((await cli(['10043'])).code, 2);
  assert.equal((await cli(['--frobnicate'])).code, 2);
  const noCredentials = await cli(['--drain'], { SHOPVOICE_ALEXA_CLIENT_SECRET: undefined });
  assert.equal(noCredentials.code, 1);
  assert.match(noCredentials.err, /SHOPVOICE_ALEXA_CLIENT_SECRET/);
});
