import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { AppFailure } from '../../shared/errors.ts'
import {
  inTransaction,
  jsonColumns,
  messageColumns,
  sessionColumns,
  sessionRowSchema,
  toMessages,
  toSummary,
  type SessionRow,
  type TitleSource,
} from './rows.ts'
import type { StoreOps } from './store-protocol.ts'

/** How many messages `getSession` returns by default: the latest; older ones come in pages. */
export const latestPageSize = 100

type SessionOps = Pick<
  StoreOps,
  | 'createSession'
  | 'addMessage'
  | 'startTurn'
  | 'updateMessage'
  | 'deleteMessagesFrom'
  | 'setSystemPrompt'
  | 'touchSession'
  | 'listSessions'
  | 'getSession'
  | 'getConversation'
  | 'olderMessages'
  | 'renameSession'
  | 'pinSession'
  | 'deleteSession'
  | 'restoreSession'
  | 'promptHistory'
>

const titleRank: Record<TitleSource, number> = { prompt: 0, model: 1, person: 2 }

/** Prompts looked at, per prompt asked for, before `promptHistory` stops looking for distinct ones. */
const promptScanFactor = 20

const noSession = () =>
  new AppFailure({ kind: 'invalid_input', message: 'That conversation no longer exists.' })
const noMessage = () =>
  new AppFailure({ kind: 'invalid_input', message: 'That message no longer exists.' })

/** Sessions and their messages, on prepared statements. */
export function createSessionOps(db: DatabaseSync): SessionOps {
  const statements = {
    insertSession: db.prepare(
      `INSERT INTO sessions (id, title, title_source, model_id, created_at, updated_at, system_prompt)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages
         (id, session_id, seq, role, content, status, model_id, error, created_at, reasoning, usage, images)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = ?),
               ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    listSessions: db.prepare(
      `SELECT ${sessionColumns} FROM sessions WHERE deleted = 0
       ORDER BY pinned DESC, updated_at DESC, n DESC`,
    ),
    getSession: db.prepare(`SELECT ${sessionColumns} FROM sessions WHERE id = ? AND deleted = 0`),
    sessionExists: db.prepare('SELECT 1 FROM sessions WHERE id = ?'),
    latestMessages: db.prepare(
      `SELECT ${messageColumns} FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?`,
    ),
    allMessages: db.prepare(
      `SELECT ${messageColumns} FROM messages WHERE session_id = ? ORDER BY seq`,
    ),
    messageSeq: db.prepare('SELECT seq FROM messages WHERE id = ? AND session_id = ?'),
    messagesBefore: db.prepare(
      `SELECT ${messageColumns} FROM messages WHERE session_id = ? AND seq < ?
       ORDER BY seq DESC LIMIT ?`,
    ),
    rename: db.prepare(
      `UPDATE sessions SET title = ?, title_source = ? WHERE id = ?
         AND (CASE title_source WHEN 'prompt' THEN 0 WHEN 'model' THEN 1 ELSE 2 END) <= ?`,
    ),
    pin: db.prepare('UPDATE sessions SET pinned = ? WHERE id = ? AND deleted = 0'),
    setDeleted: db.prepare('UPDATE sessions SET deleted = ? WHERE id = ?'),
    // The partial index on user messages by time serves this; `role = 'user'` must stay literal.
    recentPrompts: db.prepare(
      `SELECT m.content FROM messages m JOIN sessions s ON s.id = m.session_id
       WHERE m.role = 'user' AND s.deleted = 0
       ORDER BY m.created_at DESC, m.n DESC LIMIT ?`,
    ),
  }

  const sessionRow = (id: string): SessionRow => {
    const row = statements.getSession.get(id)
    if (!row) throw noSession()
    return sessionRowSchema.parse(row)
  }
  /** Runs an update of one session and fails when there was none to update. */
  const updateSession = (changes: number | bigint) => {
    if (Number(changes) === 0) throw noSession()
  }

  const ops: SessionOps = {
    createSession({ title, modelId, now, systemPrompt, titleSource = 'prompt' }) {
      const id = randomUUID()
      statements.insertSession.run(id, title, titleSource, modelId, now, now, systemPrompt)
      return { id, title, modelId, createdAt: now, updatedAt: now, pinned: false }
    },
    startTurn({ session, replaceFrom, prompt, modelId, now }) {
      return inTransaction(db, () => {
        const sessionId =
          'id' in session ? session.id : ops.createSession({ ...session.start, modelId, now }).id
        if (replaceFrom !== undefined) ops.deleteMessagesFrom(sessionId, replaceFrom)
        const written = prompt
          ? ops.addMessage({
              sessionId,
              role: 'user',
              content: prompt.content,
              status: 'complete',
              createdAt: now,
              ...(prompt.images?.length ? { images: prompt.images } : {}),
            })
          : null
        const answer = ops.addMessage({
          sessionId,
          role: 'assistant',
          content: '',
          status: 'streaming',
          modelId,
          createdAt: now,
        })
        updateSession(statements.touchSession.run(now, modelId, sessionId).changes)
        const row = sessionRow(sessionId)
        return { session: toSummary(row), titleSource: row.title_source, prompt: written, answer }
      })
    },
    addMessage(input) {
      const id = randomUUID()
      const json = jsonColumns(input)
      statements.insertMessage.run(
        id,
        input.sessionId,
        input.sessionId,
        input.role,
        input.content,
        input.status,
        input.modelId ?? null,
        json.error,
        input.createdAt,
        input.reasoning || null,
        json.usage,
        json.images,
      )
      return { ...input, id }
    },
    updateMessage(id, patch) {
      const json = jsonColumns(patch)
      const { changes } = statements.updateMessage.run(
        patch.content,
        patch.status,
        json.error,
        patch.reasoning || null,
        json.usage,
        id,
      )
      if (Number(changes) === 0) throw noMessage()
    },
    deleteMessagesFrom(sessionId, fromMessageId) {
      // Gone already (a second Regenerate of the same answer): nothing was deleted.
      const { changes } = statements.deleteMessagesFrom.run(sessionId, fromMessageId, sessionId)
      if (Number(changes) === 0) throw noMessage()
    },
    setSystemPrompt(id, systemPrompt) {
      updateSession(statements.setSystemPrompt.run(systemPrompt, id).changes)
    },
    touchSession(id, now, modelId) {
      statements.touchSession.run(now, modelId, id)
    },
    listSessions() {
      return statements.listSessions.all().map((row) => toSummary(sessionRowSchema.parse(row)))
    },
    getSession(id, limit = latestPageSize) {
      const session = sessionRow(id)
      const latest = statements.latestMessages.all(id, limit + 1)
      const hasOlder = latest.length > limit
      const messages = toMessages(latest.slice(0, limit).reverse())
      return { ...toSummary(session), systemPrompt: session.system_prompt, messages, hasOlder }
    },
    getConversation(id) {
      const session = sessionRow(id)
      const messages = toMessages(statements.allMessages.all(id))
      return {
        ...toSummary(session),
        systemPrompt: session.system_prompt,
        messages,
        hasOlder: false,
      }
    },
    olderMessages(id, beforeId, limit = latestPageSize) {
      sessionRow(id)
      const before = statements.messageSeq.get(beforeId, id) as { seq: number } | undefined
      if (!before) throw noMessage()
      const rows = statements.messagesBefore.all(id, before.seq, limit + 1)
      return {
        messages: toMessages(rows.slice(0, limit).reverse()),
        hasOlder: rows.length > limit,
      }
    },
    renameSession(id, title, source) {
      const { changes } = statements.rename.run(title, source, id, titleRank[source])
      if (Number(changes) > 0) return true
      if (!statements.sessionExists.get(id)) throw noSession()
      return false
    },
    pinSession(id, pinned) {
      updateSession(statements.pin.run(pinned ? 1 : 0, id).changes)
    },
    deleteSession(id) {
      updateSession(statements.setDeleted.run(1, id).changes)
    },
    restoreSession(id) {
      updateSession(statements.setDeleted.run(0, id).changes)
    },
    promptHistory(limit = 100) {
      const prompts = new Set<string>()
      for (const row of statements.recentPrompts.iterate(limit * promptScanFactor)) {
        prompts.add((row as { content: string }).content)
        if (prompts.size >= limit) break
      }
      return [...prompts]
    },
  }
  return ops
}
