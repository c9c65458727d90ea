import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import type { Message, Session, SessionSummary } from '../../shared/contract.ts'
import { appErrorSchema, AppFailure } from '../../shared/errors.ts'

/**
 * Conversations in SQLite (`node:sqlite`, WAL). The API is asynchronous so the store can move to a
 * worker thread without changing its callers.
 */
export type SessionStore = {
  createSession(input: { title: string; modelId: string; now: number }): Promise<SessionSummary>
  addMessage(input: Omit<Message, 'id'>): Promise<Message>
  /** Replaces a message's content and status (checkpoints and the end of a stream). */
  updateMessage(
    id: string,
    patch: Pick<Message, 'content' | 'status'> & Pick<Partial<Message>, 'error'>,
  ): Promise<void>
  touchSession(id: string, now: number, modelId: string): Promise<void>
  listSessions(): Promise<SessionSummary[]>
  getSession(id: string): Promise<Session>
  close(): void
}

/** Each entry moves the schema up one version; never edit an entry that has shipped. */
const migrations = [
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
]

const messageRowSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: z.enum(['complete', 'streaming', 'stopped', 'failed', 'interrupted']),
  model_id: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.number(),
})

const sessionRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  model_id: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
})

/** Opens (creating and migrating as needed) the database at `path`. */
export function openSessionStore(path: string): SessionStore {
  mkdirSync(dirname(path), { recursive: true })
  // Wait for a lock held by another connection (another LogAI, a backup tool) instead of failing.
  const db = new DatabaseSync(path, { timeout: 5_000 })
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
  migrate(db)
  // An answer that was streaming when the app last stopped will never finish: say so.
  db.exec(`UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'`)

  const statements = {
    insertSession: db.prepare(
      'INSERT INTO sessions (id, title, model_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, session_id, seq, role, content, status, model_id, error, created_at)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = ?), ?, ?, ?, ?, ?, ?)`,
    ),
    updateMessage: db.prepare(
      'UPDATE messages SET content = ?, status = ?, error = ? WHERE id = ?',
    ),
    touchSession: db.prepare('UPDATE sessions SET updated_at = ?, model_id = ? WHERE id = ?'),
    listSessions: db.prepare('SELECT * FROM sessions ORDER BY updated_at DESC, rowid DESC'),
    getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    getMessages: db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY seq'),
  }

  return {
    async createSession({ title, modelId, now }) {
      const id = randomUUID()
      statements.insertSession.run(id, title, modelId, now, now)
      return { id, title, modelId, createdAt: now, updatedAt: now }
    },
    async addMessage(input) {
      const id = randomUUID()
      statements.insertMessage.run(
        id,
        input.sessionId,
        input.sessionId,
        input.role,
        input.content,
        input.status,
        input.modelId ?? null,
        input.error ? JSON.stringify(input.error) : null,
        input.createdAt,
      )
      return { ...input, id }
    },
    async updateMessage(id, patch) {
      statements.updateMessage.run(
        patch.content,
        patch.status,
        patch.error ? JSON.stringify(patch.error) : null,
        id,
      )
    },
    async touchSession(id, now, modelId) {
      statements.touchSession.run(now, modelId, id)
    },
    async listSessions() {
      return statements.listSessions.all().map((row) => toSummary(sessionRowSchema.parse(row)))
    },
    async getSession(id) {
      const row = statements.getSession.get(id)
      if (!row) {
        throw new AppFailure({
          kind: 'invalid_input',
          message: 'That conversation no longer exists.',
        })
      }
      const messages = statements.getMessages
        .all(id)
        .map((m) => toMessage(messageRowSchema.parse(m)))
      return { ...toSummary(sessionRowSchema.parse(row)), messages }
    },
    close() {
      db.close()
    },
  }
}

function migrate(db: DatabaseSync) {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  for (let version = row.user_version; version < migrations.length; version++) {
    db.exec('BEGIN')
    try {
      db.exec(migrations[version] as string)
      db.exec(`PRAGMA user_version = ${version + 1}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}

function toSummary(row: z.infer<typeof sessionRowSchema>): SessionSummary {
  return {
    id: row.id,
    title: row.title,
    modelId: row.model_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toMessage(row: z.infer<typeof messageRowSchema>): Message {
  const error = row.error ? appErrorSchema.safeParse(JSON.parse(row.error)) : undefined
  return {
    id: row.id,
    sessionId: row.session_id,
    role: row.role,
    content: row.content,
    status: row.status,
    ...(row.model_id ? { modelId: row.model_id } : {}),
    ...(error?.success ? { error: error.data } : {}),
    createdAt: row.created_at,
  }
}
