import type { DatabaseSync } from 'node:sqlite'
import { AppFailure } from '../../shared/errors.ts'
import {
  inTransaction,
  jsonColumns,
  messageColumns,
  sessionColumns,
  sessionRowSchema,
  toMessages,
  type SessionRow,
} from './rows.ts'
import { sessionExportSchema, type ExportedSession, type SessionExport } from './session-export.ts'
import { storageCondition } from './storage-errors.ts'
import type { StoreOps } from './store-protocol.ts'

type ExportOps = Pick<StoreOps, 'exportSessions' | 'exportSessionsJson' | 'importSessions'>

/** Export files and their import: ids, timestamps and everything stored, exactly. */
export function createExportOps(db: DatabaseSync): ExportOps {
  const statements = {
    allSessions: db.prepare(
      `SELECT ${sessionColumns} FROM sessions WHERE deleted = 0
       ORDER BY pinned DESC, updated_at DESC, n DESC`,
    ),
    session: db.prepare(`SELECT ${sessionColumns} FROM sessions WHERE id = ? AND deleted = 0`),
    messages: db.prepare(
      `SELECT ${messageColumns} FROM messages WHERE session_id = ? ORDER BY seq`,
    ),
    purgeDeleted: db.prepare('DELETE FROM sessions WHERE id = ? AND deleted <> 0'),
    exists: db.prepare('SELECT 1 FROM sessions WHERE id = ?'),
    insertSession: db.prepare(
      `INSERT INTO sessions
         (id, title, title_source, model_id, created_at, updated_at, system_prompt, pinned)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages
         (id, session_id, seq, role, content, status, model_id, error, created_at, reasoning, usage, images)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }

  const exported = (row: SessionRow): ExportedSession => ({
    id: row.id,
    title: row.title,
    titleSource: row.title_source,
    modelId: row.model_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pinned: row.pinned !== 0,
    systemPrompt: row.system_prompt,
    messages: toMessages(statements.messages.all(row.id)).map(
      ({ sessionId: _session, ...message }) => message,
    ),
  })

  const exportSessions = (ids?: string[]): SessionExport => {
    // One read transaction: a consistent snapshot even if another LogAI writes meanwhile.
    db.exec('BEGIN')
    try {
      const rows = ids
        ? ids.map((id) => {
            const row = statements.session.get(id)
            if (!row) {
              throw new AppFailure({
                kind: 'invalid_input',
                message: 'That conversation no longer exists.',
              })
            }
            return row
          })
        : statements.allSessions.all()
      const sessions = rows.map((row) => exported(sessionRowSchema.parse(row)))
      return { app: 'LogAI', kind: 'sessions', version: 1, exportedAt: Date.now(), sessions }
    } finally {
      db.exec('COMMIT')
    }
  }

  const insert = (session: ExportedSession) => {
    statements.insertSession.run(
      session.id,
      session.title,
      session.titleSource,
      session.modelId,
      session.createdAt,
      session.updatedAt,
      session.systemPrompt,
      session.pinned ? 1 : 0,
    )
    session.messages.forEach((message, index) => {
      const json = jsonColumns(message)
      statements.insertMessage.run(
        message.id,
        session.id,
        index + 1,
        message.role,
        message.content,
        // Nothing streams into an imported answer.
        message.status === 'streaming' ? 'interrupted' : message.status,
        message.modelId ?? null,
        json.error,
        message.createdAt,
        message.reasoning || null,
        json.usage,
        json.images,
      )
    })
  }

  return {
    exportSessions,
    exportSessionsJson: (ids) => JSON.stringify(exportSessions(ids)),
    importSessions(content) {
      const data = readExport(content)
      let imported = 0
      let skipped = 0
      try {
        inTransaction(db, () => {
          for (const session of data.sessions) {
            // A session deleted in this run (still undoable) gives way to the file's copy.
            statements.purgeDeleted.run(session.id)
            if (statements.exists.get(session.id)) {
              skipped++
              continue
            }
            insert(session)
            imported++
          }
        })
      } catch (error) {
        if (storageCondition(error) !== 'duplicate') throw error
        throw new AppFailure({
          kind: 'invalid_input',
          message:
            'This file holds messages that are already in other conversations, so nothing was imported.',
        })
      }
      return { imported, skipped }
    },
  }
}

/** Parses and checks an export file's text; says what is wrong with one that is not. */
function readExport(content: string): SessionExport {
  let json: unknown
  try {
    json = JSON.parse(content)
  } catch {
    throw new AppFailure({
      kind: 'invalid_input',
      message: 'That file is not a LogAI export: it is not JSON.',
    })
  }
  const parsed = sessionExportSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : ''
  throw new AppFailure({
    kind: 'invalid_input',
    message: `That file is not a LogAI export, or it is damaged${where}.`,
  })
}
