import type { DatabaseSync } from 'node:sqlite'
import { inTransaction } from './rows.ts'

/**
 * Names the shape of the index below. Changing the tables or triggers means a new name: the next
 * start rebuilds the index from the messages, which stay the source of truth.
 */
const indexVersion = 'fts5-1'

/**
 * The full-text index: external-content FTS5 tables over message text and session titles, kept in
 * step by triggers. A message is indexed once it stops streaming, so the checkpoints of a long
 * answer (one a second) cost a row update, not a re-index of the whole text. `unicode61` with
 * diacritics removed matches `cafe` to `café`; the 2- and 3-character prefix indexes keep
 * searches fast while a person is still typing the first letters of a word.
 */
const createIndex = `
  CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content = 'messages', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  );
  CREATE VIRTUAL TABLE titles_fts USING fts5(
    title, content = 'sessions', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  );
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status <> 'streaming' BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.n, new.content);
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status <> 'streaming' BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.n, old.content);
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content)
      SELECT 'delete', old.n, old.content WHERE old.status <> 'streaming';
    INSERT INTO messages_fts (rowid, content)
      SELECT new.n, new.content WHERE new.status <> 'streaming';
  END;
  CREATE TRIGGER titles_fts_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO titles_fts (rowid, title) VALUES (new.n, new.title);
  END;
  CREATE TRIGGER titles_fts_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.n, old.title);
  END;
  CREATE TRIGGER titles_fts_update AFTER UPDATE OF title ON sessions BEGIN
    INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.n, old.title);
    INSERT INTO titles_fts (rowid, title) VALUES (new.n, new.title);
  END;`

const triggers = [
  'messages_fts_insert',
  'messages_fts_delete',
  'messages_fts_update',
  'titles_fts_insert',
  'titles_fts_delete',
  'titles_fts_update',
]

/** Whether this build of SQLite has FTS5 (Electron's build cannot be checked on our machines). */
export function hasFts5(db: DatabaseSync): boolean {
  const options = db.prepare('PRAGMA compile_options').all() as { compile_options: string }[]
  return options.some((row) => row.compile_options === 'ENABLE_FTS5')
}

function readMeta(db: DatabaseSync, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined
  return row?.value ?? null
}

function writeMeta(db: DatabaseSync, key: string, value: string) {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value)
}

/**
 * Makes the full-text index current and says whether search can use it. With FTS5 a missing or
 * stale index is rebuilt from the messages (first start after the migration, or after a run
 * without FTS5). Without FTS5 the triggers are dropped, since every write would fail on them, and
 * the index is marked stale; search then scans the text instead.
 */
export function ensureSearchIndex(db: DatabaseSync, useFts: boolean): boolean {
  if (useFts) {
    if (readMeta(db, 'search_index') === indexVersion) return true
    inTransaction(db, () => {
      for (const name of triggers) db.exec(`DROP TRIGGER IF EXISTS ${name}`)
      db.exec('DROP TABLE IF EXISTS messages_fts; DROP TABLE IF EXISTS titles_fts;')
      db.exec(createIndex)
      db.exec(
        `INSERT INTO messages_fts (rowid, content)
           SELECT n, content FROM messages WHERE status <> 'streaming'`,
      )
      db.exec('INSERT INTO titles_fts (rowid, title) SELECT n, title FROM sessions')
      writeMeta(db, 'search_index', indexVersion)
    })
    return true
  }
  if (readMeta(db, 'search_index') !== 'stale') {
    inTransaction(db, () => {
      for (const name of triggers) db.exec(`DROP TRIGGER IF EXISTS ${name}`)
      writeMeta(db, 'search_index', 'stale')
    })
  }
  return false
}
