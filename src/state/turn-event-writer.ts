// The worker thread that writes turn events into the SQLite state file (see sqlite-state-store.ts,
// `recordTurnEvents`): its own connection to the same WAL database, so the inserts, the fsync of
// each batch and the WAL checkpoints never block the thread that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { TurnEvent } from './turn-event.js';

const db = new BetterSqlite3((workerData as { file: string }).file);
db.pragma('busy_timeout = 5000');
db.pragma('secure_delete = ON');
const insert = db.prepare('INSERT INTO turn_events (at, user_pseudonym, data) VALUES (?, ?, ?)');
const insertAll = db.transaction((events: readonly TurnEvent[]) => {
  for (const event of events) insert.run(event.at, event.user, JSON.stringify(event));
});

parentPort!.on('message', (message: { id: number; events: TurnEvent[] } | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    insertAll.immediate(message.events);
    parentPort!.postMessage({ id: message.id });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: (err as Error).message });
  }
});
