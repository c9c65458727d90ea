import type { DatabaseSync } from 'node:sqlite'

/**
 * Each entry moves the schema up one version (`PRAGMA user_version`); never edit an entry that has
 * shipped. The full-text index is not here: it is derived data, built by `search-index.ts` when
 * this SQLite has FTS5.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     model_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_update ON sessions (updated_at DESC);
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     role TEXT NOT NULL,
     content TEXT NOT NULL,
     status TEXT NOT NULL,
     model_id TEXT,
     error TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX messages_by_session ON messages (session_id, seq);`,
  // Issue 4: per-conversation system prompts; reasoning, usage and images per message (JSON).
  `ALTER TABLE sessions ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
   ALTER TABLE messages ADD COLUMN reasoning TEXT;
   ALTER TABLE messages ADD COLUMN usage TEXT;
   ALTER TABLE messages ADD COLUMN images TEXT;`,
  // Issue 5: pinned, renamed and deleted (until the next start) sessions, and the local API's
  // request log. Both tables are rebuilt with an INTEGER PRIMARY KEY: the full-text index refers
  // to rows by rowid, and only a declared one survives VACUUM. Messages whose session is gone
  // (impossible with foreign keys on, which every earlier version set) are not carried over.
  `CREATE TABLE sessions_v3 (
     n INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     title_source TEXT NOT NULL DEFAULT 'prompt',
     model_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     system_prompt TEXT NOT NULL DEFAULT '',
     pinned INTEGER NOT NULL DEFAULT 0,
     deleted INTEGER NOT NULL DEFAULT 0
   );
   INSERT INTO sessions_v3 (id, title, model_id, created_at, updated_at, system_prompt)
     SELECT id, title, model_id, created_at, updated_at, system_prompt FROM sessions ORDER BY rowid;
   CREATE TABLE messages_v3 (
     n INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     role TEXT NOT NULL,
     content TEXT NOT NULL,
     status TEXT NOT NULL,
     model_id TEXT,
     error TEXT,
     created_at INTEGER NOT NULL,
     reasoning TEXT,
     usage TEXT,
     images TEXT
   );
   INSERT INTO messages_v3
       (id, session_id, seq, role, content, status, model_id, error, created_at, reasoning, usage, images)
     SELECT id, session_id, seq, role, content, status, model_id, error, created_at, reasoning, usage, images
     FROM messages WHERE session_id IN (SELECT id FROM sessions) ORDER BY rowid;
   DROP TABLE messages;
   DROP TABLE sessions;
   ALTER TABLE sessions_v3 RENAME TO sessions;
   ALTER TABLE messages_v3 RENAME TO messages;
   CREATE INDEX sessions_listed ON sessions (pinned DESC, updated_at DESC) WHERE deleted = 0;
   CREATE UNIQUE INDEX messages_by_session ON messages (session_id, seq);
   CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
   CREATE INDEX user_messages_by_time ON messages (created_at) WHERE role = 'user';
   CREATE TABLE request_log (
     n INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     client TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     model TEXT,
     upstream TEXT,
     stream INTEGER NOT NULL,
     status INTEGER NOT NULL,
     input_tokens INTEGER,
     output_tokens INTEGER,
     error TEXT
   );
   CREATE INDEX request_log_by_time ON request_log (at);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
]

/** The schema version this LogAI writes; a database above it came from a newer LogAI. */
export const schemaVersion = migrations.length

/** The database's schema version (`PRAGMA user_version`). */
export function readSchemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  return row.user_version
}

/**
 * Brings the schema up to `schemaVersion`, one transaction per step. `backup` runs once before
 * the first step when the database already holds data (version 1 or more), so the person keeps a
 * copy of their history as it was should a step go wrong. Foreign keys are off meanwhile: a step
 * that rebuilds a table drops the old one, and with them on that would delete every message.
 */
export function migrate(db: DatabaseSync, backup: (fromVersion: number) => void): void {
  const from = readSchemaVersion(db)
  if (from >= schemaVersion) return
  if (from > 0) backup(from)
  db.exec('PRAGMA foreign_keys = OFF')
  try {
    for (let version = from; version < schemaVersion; version++) {
      db.exec('BEGIN IMMEDIATE')
      try {
        db.exec(migrations[version] as string)
        const broken = db.prepare('PRAGMA foreign_key_check').all()
        if (broken.length > 0) {
          throw new Error(`migration to version ${version + 1} broke ${broken.length} references`)
        }
        db.exec(`PRAGMA user_version = ${version + 1}`)
        db.exec('COMMIT')
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK')
        throw error
      }
    }
  } finally {
    db.exec('PRAGMA foreign_keys = ON')
  }
}
