import { z } from 'zod'
import { messageSchema } from '../../shared/contract.ts'
import { titleSourceSchema } from './rows.ts'

/** A message in an export: everything stored about it; its session is the one holding it. */
export const exportedMessageSchema = messageSchema.unwrap().omit({ sessionId: true })

/** A session in an export, with its messages in order. */
export const exportedSessionSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string(),
  titleSource: titleSourceSchema,
  modelId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
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
