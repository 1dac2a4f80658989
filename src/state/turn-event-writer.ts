// The worker thread that writes turn events into the SQLite state file (see sqlite-state-store.ts,
// `recordTurnEvents`): its own connection to the same WAL database, so the inserts, the fsync of
// each batch and the WAL checkpoints never block the thread that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/** One row of `turn_events`: the event's time, its user pseudonym and the event as JSON text. */
type Row = readonly [at: number, user: string | null, data: string];

const db = new BetterSqlite3((workerData as { file: string }).file);
db.pragma('busy_timeout = 5000');
db.pragma('secure_delete = ON');
const insert = db.prepare('INSERT INTO turn_events (at, user_pseudonym, data) VALUES (?, ?, ?)');
const insertAll = db.transaction((rows: readonly Row[]) => {
  for (const [at, user, data] of rows) insert.run(at, user, data);
});

parentPort!.on('message', (message: { id: number; rows: Row[] } | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    insertAll.immediate(message.rows);
    parentPort!.postMessage({ id: message.id });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: (err as Error).message });
  }
});
