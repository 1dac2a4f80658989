import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSqliteFile } from './sqlite-file.js';
import { RETENTION_MS, STALE_CLAIM_MS, staffNoteOwner, type ReorderClaim, type StateStore } from './state-store.js';
import { consentFromRow, type ConsentRow } from './consent-record.js';
import { noteFromRow, type NoteRow } from './staff-note-row.js';
import type { StaffNote, TurnEvent } from './turn-event.js';

export { RETENTION_MS, STALE_CLAIM_MS };

/** The state port over `<dataDir>/state.sqlite`: the default for a single instance. */
export interface SqliteStateStore extends StateStore {
  /** Path of the SQLite file. */
  readonly file: string;
  close(): void;
}

export interface SqliteStateStoreOptions {
  /** Clock for claim times and the purge (tests pin it). */
  now?: () => Date;
}

/** Each entry takes the schema from the version before it to its own; applied in order, in one transaction. */
const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE reorder_claims (
  key          TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  order_number TEXT,
  claimed_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX reorder_claims_user ON reorder_claims (user_id);
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`,
  // Claims belong to a user: the same key presented by another user is another row.
  2: `
CREATE TABLE reorder_claims_v2 (
  user_id      TEXT NOT NULL,
  key          TEXT NOT NULL,
  order_number TEXT,
  claimed_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;
INSERT INTO reorder_claims_v2 (user_id, key, order_number, claimed_at) SELECT user_id, key, order_number, claimed_at FROM reorder_claims;
DROP TABLE reorder_claims;
ALTER TABLE reorder_claims_v2 RENAME TO reorder_claims;
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`,
  // Analytics: one row per answered turn (the event as JSON), and the staff's callback/feedback list.
  3: `
CREATE TABLE turn_events (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  user_pseudonym TEXT,
  data           TEXT NOT NULL
) STRICT;
CREATE INDEX turn_events_time ON turn_events (at);
CREATE INDEX turn_events_user ON turn_events (user_pseudonym);
CREATE TABLE staff_notes (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  platform       TEXT NOT NULL,
  locale         TEXT NOT NULL,
  user_pseudonym TEXT,
  score          INTEGER,
  note           TEXT,
  done_at        INTEGER
) STRICT;
CREATE INDEX staff_notes_time ON staff_notes (at);
CREATE INDEX staff_notes_user ON staff_notes (user_pseudonym);
`,
  // Consent decisions per user and feature, and what a user was told once (closure notices, feedback asked).
  4: `
CREATE TABLE consents (
  id           INTEGER PRIMARY KEY,
  user_id      TEXT NOT NULL,
  feature      TEXT NOT NULL,
  granted      INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  text_version TEXT NOT NULL,
  platform     TEXT NOT NULL
) STRICT;
CREATE INDEX consents_user ON consents (user_id);
CREATE TABLE told (
  user_id TEXT NOT NULL,
  key     TEXT NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;
`,
};

/**
 * Opens (creating on first use) the SQLite state store in `dataDir` and purges entries older
 * than 30 days.
 *
 * @example
 *   const state = openSqliteStateStore(loadConfig().dataDir);
 *   const claim = await state.claimReorder(key, userId); // { claimed: true } once per key
 */
export function openSqliteStateStore(dataDir: string, options: SqliteStateStoreOptions = {}): SqliteStateStore {
  const now = options.now ?? (() => new Date());
  const file = join(dataDir, 'state.sqlite');
  // Deleted rows are overwritten with zeros, not left readable in free pages (a disabled user's
  // data must really be gone, GDPR Art. 17: sqlite-file.ts).
  const db = openSqliteFile(dataDir, 'state.sqlite', MIGRATIONS, (opened) => {
    opened.prepare('DELETE FROM reorder_claims WHERE claimed_at < ?').run(now().getTime() - RETENTION_MS);
  });

  const insertClaim = db.prepare('INSERT OR IGNORE INTO reorder_claims (key, user_id, claimed_at) VALUES (?, ?, ?)');
  const readClaim = db.prepare('SELECT order_number, claimed_at FROM reorder_claims WHERE user_id = ? AND key = ?');
  const takeOver = db.prepare('UPDATE reorder_claims SET claimed_at = ? WHERE user_id = ? AND key = ? AND order_number IS NULL AND claimed_at = ?');
  // INSERT OR IGNORE decides the race: exactly one caller inserts the row, all others read it.
  const claim = db.transaction((key: string, userId: string): ReorderClaim => {
    const at = now().getTime();
    if (insertClaim.run(key, userId, at).changes === 1) return { claimed: true };
    const row = readClaim.get(userId, key) as { order_number: string | null; claimed_at: number };
    if (row.order_number !== null) return { claimed: false, orderNumber: row.order_number, pending: false };
    if (at - row.claimed_at >= STALE_CLAIM_MS && takeOver.run(at, userId, key, row.claimed_at).changes === 1) return { claimed: true };
    return { claimed: false, pending: true };
  });
  const complete = db.prepare('UPDATE reorder_claims SET order_number = ? WHERE user_id = ? AND key = ?');
  const suspend = db.prepare('UPDATE reorder_claims SET claimed_at = 0 WHERE user_id = ? AND key = ? AND order_number IS NULL');
  const unfinished = db.prepare('SELECT key FROM reorder_claims WHERE user_id = ? AND order_number IS NULL AND claimed_at < ? ORDER BY claimed_at').pluck();
  const release = db.prepare('DELETE FROM reorder_claims WHERE user_id = ? AND key = ? AND order_number IS NULL');
  const forgetClaims = db.prepare('DELETE FROM reorder_claims WHERE user_id = ?');
  const forgetEvents = db.prepare('DELETE FROM turn_events WHERE user_pseudonym = ?');
  const forgetNotes = db.prepare('DELETE FROM staff_notes WHERE user_pseudonym = ?');
  const forgetConsents = db.prepare('DELETE FROM consents WHERE user_id = ?');
  const forgetTold = db.prepare('DELETE FROM told WHERE user_id = ?');
  const forget = db.transaction((userId: string, pseudonyms: readonly string[]) => {
    let removed = forgetClaims.run(userId).changes + forgetConsents.run(userId).changes + forgetTold.run(userId).changes;
    for (const pseudonym of pseudonyms) removed += forgetEvents.run(pseudonym).changes + forgetNotes.run(pseudonym).changes;
    // A callback request's note (its phone number) is kept under the user's own owner hash.
    return removed + forgetNotes.run(staffNoteOwner(userId)).changes;
  });
  const writer = turnEventWriter(file);
  const readEvents = db.prepare('SELECT data FROM turn_events WHERE at >= ? AND at < ? ORDER BY at, id').pluck();
  const purgeEvents = db.prepare('DELETE FROM turn_events WHERE at < ?');
  const insertNote = db.prepare(
    'INSERT INTO staff_notes (at, kind, platform, locale, user_pseudonym, score, note) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
  );
  const listNotes = db.prepare('SELECT * FROM staff_notes WHERE (? OR done_at IS NULL) ORDER BY at DESC, id DESC LIMIT ?');
  const markDone = db.prepare('UPDATE staff_notes SET done_at = ? WHERE id = ? AND done_at IS NULL');
  const ping = db.prepare('SELECT 1');
  const insertConsent = db.prepare('INSERT INTO consents (user_id, feature, granted, at, text_version, platform) VALUES (?, ?, ?, ?, ?, ?)');
  const readConsents = db.prepare('SELECT user_id, feature, granted, at, text_version, platform FROM consents WHERE user_id = ? ORDER BY at, id');
  const insertTold = db.prepare('INSERT OR IGNORE INTO told (user_id, key, at) VALUES (?, ?, ?)');
  const readTold = db.prepare('SELECT at FROM told WHERE user_id = ? AND key = ?').pluck();
  const countOf = (sql: string) => db.prepare(sql).pluck();
  const counts = {
    reorders: countOf('SELECT count(*) FROM reorder_claims WHERE user_id = ?'),
    consents: countOf('SELECT count(*) FROM consents WHERE user_id = ?'),
    told: countOf('SELECT count(*) FROM told WHERE user_id = ?'),
    turnEvents: countOf('SELECT count(*) FROM turn_events WHERE user_pseudonym = ?'),
    staffNotes: countOf('SELECT count(*) FROM staff_notes WHERE user_pseudonym = ?'),
  };

  return {
    file,
    async claimReorder(key, userId) {
      return claim.immediate(key, userId);
    },
    async completeReorder(key, orderNumber, userId) {
      complete.run(orderNumber, userId, key);
    },
    async suspendReorder(key, userId) {
      suspend.run(userId, key);
    },
    async unfinishedReorders(userId, claimedBefore) {
      return unfinished.all(userId, claimedBefore.getTime()) as string[];
    },
    async releaseReorder(key, userId) {
      release.run(userId, key);
    },
    async forgetUser(userId, pseudonyms = []) {
      const removed = forget.immediate(userId, pseudonyms);
      // The WAL still holds the pages as they were before the delete: copy the zeroed pages into
      // the database file and empty the WAL, so no copy of the rows stays on disk.
      if (removed > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
    async recordTurnEvents(events) {
      if (events.length > 0) await writer.write(events);
    },
    async turnEvents(range) {
      return (readEvents.all(range.from.getTime(), range.to.getTime()) as string[]).map((data) => JSON.parse(data) as TurnEvent);
    },
    async purgeTurnEvents(before) {
      return purgeEvents.run(before.getTime()).changes;
    },
    async addStaffNote(note): Promise<StaffNote> {
      const row = insertNote.get(note.at, note.kind, note.platform, note.locale, note.user, note.score ?? null, note.note ?? null) as NoteRow;
      return noteFromRow(row);
    },
    async listCallbacks(options = {}) {
      return (listNotes.all(options.includeDone ? 1 : 0, options.limit ?? 200) as NoteRow[]).map(noteFromRow);
    },
    async markCallbackDone(id, at) {
      if (!/^\d+$/.test(id)) return false;
      return markDone.run(at.getTime(), Number(id)).changes === 1;
    },
    async recordConsent(r) {
      insertConsent.run(r.userId, r.feature, r.granted ? 1 : 0, r.at, r.textVersion, r.platform);
    },
    async consentsOf(userId) {
      return (readConsents.all(userId) as ConsentRow[]).map(consentFromRow);
    },
    async rememberTold(userId, key, at) {
      return insertTold.run(userId, key, at.getTime()).changes === 1;
    },
    async toldAt(userId, key) {
      const at = readTold.get(userId, key) as number | undefined;
      return at === undefined ? undefined : new Date(at);
    },
    async storedAbout(userId, pseudonyms = []) {
      const sum = (statement: typeof counts.turnEvents) => pseudonyms.reduce((n, p) => n + (statement.get(p) as number), 0);
      return {
        reorders: counts.reorders.get(userId) as number,
        turnEvents: sum(counts.turnEvents),
        staffNotes: sum(counts.staffNotes) + (counts.staffNotes.get(staffNoteOwner(userId)) as number),
        consents: counts.consents.get(userId) as number,
        told: counts.told.get(userId) as number,
      };
    },
    async ping() {
      ping.get();
    },
    close() {
      writer.close();
      if (db.open) db.close();
    },
  };
}

/**
 * Writes turn events on a worker thread (`turn-event-writer.ts`), started on the first batch.
 * better-sqlite3 is synchronous: on the request thread a batch of 1000 events blocked the event
 * loop for about 20 ms (inserts, the batch's fsync, WAL checkpoints), several percent of a busy
 * server's time; on the worker the request thread only hands the batch over.
 */
function turnEventWriter(file: string) {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve(): void; reject(err: Error): void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = undefined;
  };
  const start = () => {
    // Compiled, the worker's .js sits beside this file; in a checkout (tests) the sources run
    // through tsx, which the worker registers for itself before loading the .ts.
    const started = import.meta.url.endsWith('.ts')
      ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./turn-event-writer.ts', import.meta.url).href)}); });`,
        { eval: true, workerData: { file } },
      )
      : new Worker(new URL('./turn-event-writer.js', import.meta.url), { workerData: { file } });
    started.unref();
    started.on('message', (answer: { id: number; error?: string }) => {
      const w = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.error) w?.reject(new Error(answer.error));
      else w?.resolve();
      if (waiting.size === 0) started.unref();
    });
    started.on('error', failAll);
    started.on('exit', () => failAll(new Error('the turn event writer stopped')));
    return started;
  };
  return {
    write(events: readonly TurnEvent[]): Promise<void> {
      worker ??= start();
      const id = (next += 1);
      // Referenced while a batch is in flight, so the process waits for it; idle, it keeps nothing alive.
      worker.ref();
      const done = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
      // Rows as the table stores them: one JSON text per event, made here. Strings cross to the
      // worker as a copy of their bytes; an array of objects was cloned field by field on both sides.
      const rows = events.map((event) => [event.at, event.user, JSON.stringify(event)] as const);
      worker.postMessage({ id, rows });
      return done;
    },
    close() {
      worker?.postMessage('close');
      worker = undefined;
    },
  };
}
