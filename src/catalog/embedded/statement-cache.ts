import type { Database, Statement } from 'better-sqlite3';

/** Prepares each SQL text once per connection; hot paths then skip SQLite's parser. */
export type Sql = (text: string) => Statement;

/** A statement cache bound to one connection. */
export function statementCache(db: Database): Sql {
  const cache = new Map<string, Statement>();
  return (text) => {
    let statement = cache.get(text);
    if (!statement) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
}
