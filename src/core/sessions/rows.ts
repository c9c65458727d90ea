import type { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import {
  imageSchema,
  usageSchema,
  type Message,
  type SessionSummary,
} from '../../shared/contract.ts'
import { appErrorSchema } from '../../shared/error-schema.ts'

/** Who gave a session its title; a higher one is never overwritten by a lower one. */
export const titleSourceSchema = z.enum(['prompt', 'model', 'person'])
export type TitleSource = z.infer<typeof titleSourceSchema>

/** A `messages` row as stored (schema version 3). */
export const messageRowSchema = z.object({
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
export type MessageRow = z.infer<typeof messageRowSchema>

/** A `sessions` row as stored (schema version 3). */
export const sessionRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  title_source: titleSourceSchema,
  model_id: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  system_prompt: z.string(),
  pinned: z.number(),
})
export type SessionRow = z.infer<typeof sessionRowSchema>

/** The columns every message query selects, in `messageRowSchema`'s shape. */
export const messageColumns =
  'id, session_id, role, content, status, model_id, error, created_at, reasoning, usage, images'

/** The columns every session query selects, in `sessionRowSchema`'s shape. */
export const sessionColumns =
  'id, title, title_source, model_id, created_at, updated_at, system_prompt, pinned'

export function toSummary(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    title: row.title,
    modelId: row.model_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pinned: row.pinned !== 0,
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

export function toMessage(row: MessageRow): Message {
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

/** Parses message rows as read from SQLite. */
export function toMessages(rows: unknown[]): Message[] {
  return rows.map((row) => toMessage(messageRowSchema.parse(row)))
}

/** The values of a message's JSON columns, as stored. */
export function jsonColumns(message: Pick<Message, 'error' | 'usage' | 'images'>) {
  return {
    error: message.error ? JSON.stringify(message.error) : null,
    usage: message.usage ? JSON.stringify(message.usage) : null,
    images: message.images?.length ? JSON.stringify(message.images) : null,
  }
}

/**
 * Runs `work` in one write transaction: all of it is stored or, when anything fails (a full disk
 * included), none of it. `BEGIN IMMEDIATE` takes the write lock up front, so another connection
 * cannot make the transaction fail halfway with a busy error.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    // A full disk or I/O error may already have rolled the transaction back.
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}
