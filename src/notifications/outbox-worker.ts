import { randomUUID } from 'node:crypto';
import { DEFAULT_LEASE_MS, OUTBOX_RETENTION_MS, type OutboxEntry, type OutboxStore } from './outbox-store.js';
import type { ProactiveEventsSender } from './proactive-events-sender.js';
import { retryDelayMs, type RetryDelayOptions } from './retry-delay.js';

export interface WorkerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  sender: ProactiveEventsSender;
  now: () => Date;
  /** Sleeping between polls and until the next retry is due (tests pass node:test's mock timers). */
  timers?: WorkerTimers;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** This worker's name on its leases (default a random UUID). */
  owner?: string;
  leaseMs?: number;
  batchSize?: number;
  /** Attempts before an event that keeps failing is given up (default 10, about three hours). */
  maxAttempts?: number;
  retry?: RetryDelayOptions;
  /** Milliseconds between polls of `start()` (default 5 s). */
  pollMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface RunSummary {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

export interface OutboxWorker {
  /** Claims the events due now and sends each once. */
  runOnce(): Promise<RunSummary>;
  /** Runs until nothing is pending any more, sleeping until each retry is due (`shopvoice notify --drain`). */
  drain(): Promise<RunSummary>;
  /** Polls in the background until `stop()` (the server); purges old sent and dead events once a day. */
  start(): void;
  stop(): Promise<void>;
}

const realTimers: WorkerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The outbox's delivery loop: claim due events under a lease, send, then mark sent, schedule a
 * retry with backoff, or dead-letter. A worker that dies mid-way loses nothing: its lease runs
 * out and another worker claims the events again; Alexa answers 409 to any it had already sent.
 *
 * @example
 *   const worker = createOutboxWorker({ store: outbox, sender, now: () => new Date() });
 *   worker.start(); // … on shutdown: await worker.stop();
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, sender, now } = options;
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 10;

  async function deliver(entry: OutboxEntry, summary: RunSummary): Promise<void> {
    const ref = entry.referenceId;
    const at = now();
    if (at.getTime() >= Date.parse(entry.event.expiryTime)) {
      // Alexa would refuse it, and a stale "out for delivery" helps no one.
      await store.deadLetter(ref, owner, at, `expired at ${entry.event.expiryTime} before it could be sent`);
      summary.dead += 1;
      return;
    }
    const outcome = await sender.send(entry.event);
    const after = now();
    if (outcome.kind === 'sent') {
      await store.markSent(ref, owner, after);
      summary.sent += 1;
    } else if (outcome.kind === 'dead' || entry.attempts >= maxAttempts) {
      const reason = outcome.kind === 'dead' ? outcome.reason : `gave up after ${entry.attempts} attempts: ${outcome.reason}`;
      await store.deadLetter(ref, owner, after, reason);
      options.log?.warn({ event: 'notification.dead', referenceId: ref, reason }, 'notification given up');
      summary.dead += 1;
    } else {
      const delay = retryDelayMs(entry.attempts, random, outcome.retryAfterMs, options.retry);
      await store.scheduleRetry(ref, owner, after, new Date(after.getTime() + delay), outcome.reason);
      options.log?.info({ event: 'notification.retry', referenceId: ref, attempt: entry.attempts, delayMs: delay, reason: outcome.reason }, 'notification will be retried');
      summary.retried += 1;
    }
  }

  async function runOnce(): Promise<RunSummary> {
    const at = now();
    const entries = await store.claim(owner, at, new Date(at.getTime() + leaseMs), options.batchSize ?? 10);
    const summary: RunSummary = { claimed: entries.length, sent: 0, retried: 0, dead: 0 };
    for (const entry of entries) await deliver(entry, summary);
    return summary;
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => void timers.setTimeout(resolve, ms));

  let running: Promise<void> | undefined;
  let handle: unknown;
  let stopped = true;
  let purgedAt = -Infinity;

  async function poll(): Promise<void> {
    const at = now().getTime();
    if (at - purgedAt >= 24 * 3600_000) {
      purgedAt = at;
      await store.purge(new Date(at - OUTBOX_RETENTION_MS));
    }
    await runOnce();
  }

  function schedule(ms: number): void {
    if (stopped) return;
    handle = timers.setTimeout(() => {
      running = poll()
        .then(() => undefined, (error: Error) => options.log?.warn({ event: 'notification.worker.failed', err: error }, 'outbox worker run failed'))
        .finally(() => schedule(options.pollMs ?? 5000));
    }, ms);
  }

  return {
    runOnce,
    async drain() {
      const total: RunSummary = { claimed: 0, sent: 0, retried: 0, dead: 0 };
      for (;;) {
        const run = await runOnce();
        for (const key of Object.keys(total) as Array<keyof RunSummary>) total[key] += run[key];
        if (run.claimed > 0) continue;
        const backlog = await store.backlog(now());
        if (backlog.pending === 0) return total;
        // Nothing due: sleep until the earliest retry (or another worker's lease) comes due.
        await sleep(Math.max(1, (backlog.nextDueAt?.getTime() ?? now().getTime() + 1000) - now().getTime()));
      }
    },
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      timers.clearTimeout(handle);
      await running;
    },
  };
}
