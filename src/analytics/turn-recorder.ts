import type { Logger } from '../domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../domain/turn.js';
import type { StateStore } from '../state/state-store.js';
import type { TurnEvent } from '../state/turn-event.js';
import type { Pseudonymizer } from './pseudonym.js';
import { turnEventFrom, type TurnExtras } from './turn-event-from.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A repeating timer, injectable so tests decide when the interval fires. */
export interface Ticker {
  every(ms: number, tick: () => void): { stop(): void };
}

/** Node's setInterval, unref'd: a pending flush never keeps the process alive. */
export const realTicker: Ticker = {
  every(ms, tick) {
    const handle = setInterval(tick, ms);
    handle.unref();
    return { stop: () => clearInterval(handle) };
  },
};

export interface TurnRecorderOptions {
  state: Pick<StateStore, 'recordTurnEvents' | 'purgeTurnEvents'>;
  pseudonyms: Pseudonymizer;
  log: Logger;
  /** The clock of the retention purge (tests pin it). */
  now: () => Date;
  ticker?: Ticker;
  /**
   * Events written per batch; a full buffer is written at once (default 1000). Large batches
   * matter on SQLite: better-sqlite3 writes synchronously and each transaction waits for one
   * fsync (about 8 ms on the bench machine), shared by the whole batch.
   */
  batchSize?: number;
  /** Most milliseconds an event waits in the buffer (default 2000). */
  intervalMs?: number;
  /** Events kept while the store is failing; beyond it the oldest are dropped and counted (default 20 000). */
  maxBuffered?: number;
  /** Days turn events are kept (`SHOPVOICE_ANALYTICS_DAYS`, default 90); purged at most once a day. */
  retentionDays?: number;
  /** Hears every event as it is recorded (the operator's counters on /metrics: sessions, hand-offs, orders). */
  onEvent?: (event: TurnEvent) => void;
}

export interface TurnRecorder {
  /**
   * Records one answered turn. Synchronous and cheap (builds the event, pushes it): the store is
   * written later, off the reply path.
   */
  record(turn: VoiceTurn, reply: VoiceReply, latencyMs: number, extras?: TurnExtras): void;
  /** Writes what is buffered now; resolves when it is stored (or failed and was put back). */
  flush(): Promise<void>;
  /** Events dropped because the store failed for too long. */
  readonly dropped: number;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

/**
 * Buffers turn events and writes them in batches: when `batchSize` are waiting, every
 * `intervalMs`, and on close. A failed write puts the batch back (bounded by `maxBuffered`) and
 * logs one line; recording never fails a turn.
 *
 * @example
 *   const recorder = createTurnRecorder({ state, pseudonyms, log, now: () => new Date() });
 *   recorder.record(turn, reply, performance.now() - started);
 */
export function createTurnRecorder(options: TurnRecorderOptions): TurnRecorder {
  const { state, pseudonyms, log, now } = options;
  const batchSize = options.batchSize ?? 1000;
  const maxBuffered = options.maxBuffered ?? 20_000;
  const retentionMs = (options.retentionDays ?? 90) * DAY_MS;
  let buffer: TurnEvent[] = [];
  let writing: Promise<void> = Promise.resolve();
  let dropped = 0;
  let purgedAt = -Infinity;
  let closed = false;

  /** Stores one batch; false when it failed and was put back. */
  const write = async (batch: TurnEvent[]): Promise<boolean> => {
    try {
      await state.recordTurnEvents(batch);
    } catch (err) {
      buffer = batch.concat(buffer);
      if (buffer.length > maxBuffered) {
        dropped += buffer.length - maxBuffered;
        buffer = buffer.slice(buffer.length - maxBuffered);
      }
      log.warn({ event: 'analytics.write.failed', err, buffered: buffer.length, dropped }, 'turn events not stored yet');
      return false;
    }
    const at = now().getTime();
    if (at - purgedAt >= DAY_MS) {
      purgedAt = at;
      await state.purgeTurnEvents(new Date(at - retentionMs)).catch((err: unknown) => log.warn({ event: 'analytics.purge.failed', err }, 'old turn events not purged'));
    }
    return true;
  };
  /** Writes run one after the other, so batches land in order and a failed one is retried first. */
  const flush = (): Promise<void> => {
    writing = writing.then(async () => {
      while (buffer.length > 0) {
        // A batch that came back is tried again on the next tick, not in a tight loop.
        if (!(await write(buffer.splice(0, batchSize)))) return;
      }
    });
    return writing;
  };
  const timer = (options.ticker ?? realTicker).every(options.intervalMs ?? 2000, () => void flush());

  return {
    record(turn, reply, latencyMs, extras) {
      if (closed) return;
      try {
        const event = turnEventFrom(turn, reply, latencyMs, pseudonyms, extras);
        buffer.push(event);
        options.onEvent?.(event);
      } catch (err) {
        log.warn({ event: 'analytics.event.failed', err }, 'turn event not built');
        return;
      }
      if (buffer.length >= batchSize) void flush();
    },
    flush,
    get dropped() {
      return dropped;
    },
    async close() {
      closed = true;
      timer.stop();
      await flush();
    },
  };
}
