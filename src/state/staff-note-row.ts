import type { StaffNote } from './turn-event.js';

/** A `staff_notes` row as both stores read it (PostgreSQL's BIGINTs arrive as strings). */
export interface NoteRow {
  id: number | string;
  at: number | string;
  kind: string;
  platform: string;
  locale: string;
  user_pseudonym: string | null;
  score: number | null;
  note: string | null;
  done_at: number | string | null;
}

export function noteFromRow(row: NoteRow): StaffNote {
  return {
    id: String(row.id),
    at: Number(row.at),
    kind: row.kind as StaffNote['kind'],
    platform: row.platform as StaffNote['platform'],
    locale: row.locale,
    user: row.user_pseudonym,
    ...(row.score !== null ? { score: row.score } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.done_at !== null ? { doneAt: Number(row.done_at) } : {}),
  };
}
