import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import {
  imageSchema,
  usageSchema,
  type Message,
  type Session,
  type SessionSummary,
} from '../../shared/contract.ts'
import { appErrorSchema, AppFailure } from '../../shared/errors.ts'

/**
 * Conversations in SQLite (`node:sqlite`, WAL). The API is asynchronous so the store can move to a
 * worker thread without changing its callers.
 */
export type SessionStore = {
  createSession(input: {
    title: string
    modelId: string
    now: number
    systemPrompt: string
  }): Promise<SessionSummary>
  addMessage(input: Omit<Message, 'id'>): Promise<Message>
  /**
   * Replaces a message's content and status (checkpoints and the end of a stream), and its
   * reasoning, usage and error: absent ones are cleared.
   */
  updateMessage(
    id: string,
    patch: Pick<Message, 'content' | 'status'> &
      Pick<Partial<Message>, 'error' | 'reasoning' | 'usage'>,
  ): Promise<void>
  /** Deletes the message `fromMessageId` and every later one of its session (edit, regenerate). */
  deleteMessagesFrom(sessionId: string, fromMessageId: string): Promise<void>
  setSystemPrompt(id: string, systemPrompt: string): Promise<void>
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
  // Issue 4: per-conversation system prompts; reasoning, usage and images per message (JSON).
  `ALTER TABLE sessions ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
   ALTER TABLE messages ADD COLUMN reasoning TEXT;
   ALTER TABLE messages ADD COLUMN usage TEXT;
   ALTER TABLE messages ADD COLUMN images TEXT;`,
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
  reasoning: z.string().nullable(),
  usage: z.string().nullable(),
  images: z.string().nullable(),
})

const sessionRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  model_id: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  system_prompt: z.string(),
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
      `INSERT INTO sessions (id, title, model_id, created_at, updated_at, system_prompt)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages
         (id, session_id, seq, role, content, status, model_id, error, created_at, reasoning, usage, images)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateMessage: db.prepare(
      'UPDATE messages SET content = ?, status = ?, error = ?, reasoning = ?, usage = ? WHERE id = ?',
    ),
    deleteMessagesFrom: db.prepare(
      `DELETE FROM messages WHERE session_id = ?
         AND seq >= (SELECT seq FROM messages WHERE id = ? AND session_id = ?)`,
    ),
    setSystemPrompt: db.prepare('UPDATE sessions SET system_prompt = ? WHERE id = ?'),
    touchSession: db.prepare('UPDATE sessions SET updated_at = ?, model_id = ? WHERE id = ?'),
    listSessions: db.prepare('SELECT * FROM sessions ORDER BY updated_at DESC, rowid DESC'),
    getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    getMessages: db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY seq'),
  }

  return {
    async createSession({ title, modelId, now, systemPrompt }) {
      const id = randomUUID()
      statements.insertSession.run(id, title, modelId, now, now, systemPrompt)
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
        input.reasoning ?? null,
        input.usage ? JSON.stringify(input.usage) : null,
        input.images?.length ? JSON.stringify(input.images) : null,
      )
      return { ...input, id }
    },
    async updateMessage(id, patch) {
      statements.updateMessage.run(
        patch.content,
        patch.status,
        patch.error ? JSON.stringify(patch.error) : null,
        patch.reasoning || null,
        patch.usage ? JSON.stringify(patch.usage) : null,
        id,
      )
    },
    async deleteMessagesFrom(sessionId, fromMessageId) {
      statements.deleteMessagesFrom.run(sessionId, fromMessageId, sessionId)
    },
    async setSystemPrompt(id, systemPrompt) {
      statements.setSystemPrompt.run(systemPrompt, id)
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
      const session = sessionRowSchema.parse(row)
      return { ...toSummary(session), systemPrompt: session.system_prompt, messages }
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

/** A JSON column read with its schema; unreadable content is dropped rather than fatal. */
function readJsonColumn<T extends z.ZodType>(
  text: string | null,
  schema: T,
): z.infer<T> | undefined {
  if (!text) return undefined
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function toMessage(row: z.infer<typeof messageRowSchema>): Message {
  const error = readJsonColumn(row.error, appErrorSchema)
  const usage = readJsonColumn(row.usage, usageSchema)
  const images = readJsonColumn(row.images, z.array(imageSchema))
  return {
    id: row.id,
    sessionId: row.session_id,
    role: row.role,
    content: row.content,
    status: row.status,
    ...(row.model_id ? { modelId: row.model_id } : {}),
    ...(error ? { error } : {}),
    createdAt: row.created_at,
    ...(row.reasoning ? { reasoning: row.reasoning } : {}),
    ...(usage ? { usage } : {}),
    ...(images?.length ? { images } : {}),
  }
}
