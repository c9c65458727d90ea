import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

// The schema as LogAI versions before issue 5 created it, copied here on purpose: the migrations
// must keep reading these files even after `migrations.ts` grows.
const version1 = `
  CREATE TABLE sessions (
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
  CREATE UNIQUE INDEX messages_by_session ON messages (session_id, seq);`

const version2 = `
  ALTER TABLE sessions ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
  ALTER TABLE messages ADD COLUMN reasoning TEXT;
  ALTER TABLE messages ADD COLUMN usage TEXT;
  ALTER TABLE messages ADD COLUMN images TEXT;`

/** A tiny PNG, as the version 2 app stored attached images. */
export const oldImage = { mediaType: 'image/png', base64: 'iVBORw0KGgo=' } as const

/**
 * Writes a database as LogAI at schema `version` (1 or 2) left it: two sessions, one with an
 * answer that was streaming when that LogAI stopped.
 */
export function writeOldDatabase(path: string, version: 1 | 2): void {
  mkdirSync(dirname(path), { recursive: true })
  const db = new DatabaseSync(path)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;')
  db.exec(version1)
  if (version === 2) db.exec(version2)
  db.exec(`PRAGMA user_version = ${version}`)
  const session = db.prepare(
    'INSERT INTO sessions (id, title, model_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  )
  session.run('s-old', 'Sourdough starter', 'gpt-4.1', 1_000, 5_000)
  session.run('s-older', 'Tax questions', 'claude-sonnet-4', 500, 900)
  if (version === 2) {
    db.exec(`UPDATE sessions SET system_prompt = 'Answer like a baker.' WHERE id = 's-old'`)
  }
  const message = db.prepare(
    `INSERT INTO messages (id, session_id, seq, role, content, status, model_id, error, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  message.run(
    'm1',
    's-old',
    1,
    'user',
    'How do I feed a sourdough starter?',
    'complete',
    null,
    null,
    1_000,
  )
  message.run(
    'm2',
    's-old',
    2,
    'assistant',
    'Feed it flour and water daily.',
    'complete',
    'gpt-4.1',
    null,
    2_000,
  )
  message.run(
    'm3',
    's-old',
    3,
    'user',
    'And when it smells of acetone?',
    'complete',
    null,
    null,
    4_000,
  )
  message.run(
    'm4',
    's-old',
    4,
    'assistant',
    'That means it is hungry: feed',
    'streaming',
    'gpt-4.1',
    null,
    5_000,
  )
  message.run(
    'm5',
    's-older',
    1,
    'user',
    'Can I deduct my home office?',
    'complete',
    null,
    null,
    500,
  )
  message.run(
    'm6',
    's-older',
    2,
    'assistant',
    '',
    'failed',
    'claude-sonnet-4',
    JSON.stringify({ kind: 'network', message: 'LogAI could not reach GitHub.' }),
    900,
  )
  if (version === 2) {
    db.exec(`UPDATE messages SET reasoning = 'Starters get hungry.',
               usage = '{"promptTokens":12,"completionTokens":7}' WHERE id = 'm2'`)
    db.prepare('UPDATE messages SET images = ? WHERE id = ?').run(JSON.stringify([oldImage]), 'm1')
  }
  db.close()
}
