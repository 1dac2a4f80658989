// The outbox survives a crash: a worker process is killed (SIGKILL) after claiming every event and
// before recording any outcome; a new worker then delivers everything — nothing lost, and nothing
// accepted twice by Alexa (the fake counts reference ids, answering 409 to a repeat as Alexa does).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLwaTokenClient } from '../../src/notifications/lwa-token-client.js';
import { buildOrderStatusEvent, type ProactiveEvent } from '../../src/notifications/order-status-event.js';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { DEFAULT_LEASE_MS } from '../../src/notifications/outbox-store.js';
import { createOutboxWorker } from '../../src/notifications/outbox-worker.js';
import { createProactiveEventsSender } from '../../src/notifications/proactive-events-sender.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';

const CHILD = fileURLToPath(new URL('./fixtures/outbox-child.ts', import.meta.url));
const T0 = new Date('2026-11-24T09:00:00Z');

for (const mode of ['before-send', 'in-flight'] as const) {
  test(`killed ${mode === 'before-send' ? 'between claim and send' : 'while its first send is in flight'}: a new worker delivers all five, none twice`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'shopvoice-restart-'));
    const fake = await startFakeAlexaEvents();
    const store = openSqliteOutbox(dir);
    t.after(async () => {
      await fake.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const events: ProactiveEvent[] = [];
    for (const orderNumber of ['10041', '10042', '10043', '10044', '10045']) {
      const event = buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status: 'ORDER_RECEIVED' }, 'amzn1.ask.account.ANNA', { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: T0 });
      await store.enqueue(event, T0);
      events.push(event);
    }
    if (mode === 'in-flight') fake.cue({ hold: true });

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        OUTBOX_CHILD_MODE: mode,
        OUTBOX_CHILD_DATA_DIR: dir,
        OUTBOX_CHILD_NOW: T0.toISOString(),
        OUTBOX_CHILD_TOKEN_URL: fake.tokenUrl,
        OUTBOX_CHILD_EVENTS_URL: fake.eventsUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const claimed = new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('claimed') && resolve()));
    await claimed;
    if (mode === 'in-flight') await fake.requests(1);
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const t1 = new Date(T0.getTime() + 1000);
    assert.deepEqual(await store.backlog(t1), { pending: 5, due: 0, dead: 0, sent: 0, nextDueAt: new Date(T0.getTime() + DEFAULT_LEASE_MS) }, 'all five claimed by the dead worker, none decided');
    assert.equal(fake.accepted.size, mode === 'in-flight' ? 1 : 0);

    const later = () => new Date(T0.getTime() + DEFAULT_LEASE_MS);
    const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: later });
    const sender = createProactiveEventsSender({ url: fake.eventsUrl, tokens, now: later });
    const summary = await createOutboxWorker({ store, sender, now: later, owner: 'successor' }).drain();

    assert.deepEqual(summary, { claimed: 5, sent: 5, retried: 0, dead: 0 });
    assert.deepEqual([...fake.accepted.keys()].sort(), events.map((e) => e.referenceId).sort(), 'nothing lost');
    assert.deepEqual([...fake.accepted.values()], [1, 1, 1, 1, 1], 'nothing accepted twice');
    const statuses = fake.log.map((l) => l.status).sort();
    assert.deepEqual(statuses, mode === 'in-flight' ? [202, 202, 202, 202, 409, 'held'] : [202, 202, 202, 202, 202]);
    assert.deepEqual(await store.backlog(later()), { pending: 0, due: 0, dead: 0, sent: 5 });
  });
}
