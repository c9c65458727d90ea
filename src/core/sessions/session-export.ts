import { z } from 'zod'
import { messageSchema } from '../../shared/contract.ts'
import { titleSourceSchema } from './rows.ts'

/**
 * A time LogAI could have written: whole milliseconds within what a Date holds. A file from
 * elsewhere with times out of range is refused, not imported into a history that cannot show or
 * export them.
 */
const timestamp = z.int().min(0).max(8.64e15)

/** A message in an export: everything stored about it; its session is the one holding it. */
export const exportedMessageSchema = messageSchema
  .unwrap()
  .omit({ sessionId: true })
  .extend({ createdAt: timestamp })

/** A session in an export, with its messages in order. */
export const exportedSessionSchema = z.object({
  id: z.string().min(1).max(200),
  // No title LogAI gives is longer: a person's is at most 200 characters (sessions:rename).
  title: z.string().max(200),
  titleSource: titleSourceSchema,
  modelId: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  pinned: z.boolean(),
  systemPrompt: z.string(),
  messages: z.array(exportedMessageSchema),
})
export type ExportedSession = z.infer<typeof exportedSessionSchema>

/** The export file LogAI writes and reads back exactly (`sessions:exportAll`, `sessions:import`). */
export const sessionExportSchema = z.object({
  app: z.literal('LogAI'),
  kind: z.literal('sessions'),
  /** Changes only when an older LogAI could not read the file correctly. */
  version: z.literal(1),
  exportedAt: z.number(),
  sessions: z.array(exportedSessionSchema),
})
export type SessionExport = z.infer<typeof sessionExportSchema>
