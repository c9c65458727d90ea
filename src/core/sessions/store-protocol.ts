import type { AppError } from '../../shared/errors.ts'
import type { OpenOptions } from './open-database.ts'
import type { SessionStore } from './session-store.ts'

/** The store's operations as the worker runs them: synchronously, one at a time, in order. */
export type StoreOps = {
  [Op in Exclude<keyof SessionStore, 'close'>]: (
    ...args: Parameters<SessionStore[Op]>
  ) => Awaited<ReturnType<SessionStore[Op]>>
}
export type StoreOp = keyof StoreOps

/** Main thread → worker: open once, then operations, then close. `id` pairs a reply with it. */
export type StoreRequest =
  | { kind: 'open'; id: number; path: string; options: OpenOptions }
  | { kind: 'call'; id: number; op: StoreOp; args: unknown[] }
  | { kind: 'close'; id: number }

/** What `open` answers. */
export type OpenReply = { problem: string | null; persistent: boolean; fts: boolean }

/**
 * Worker → main thread: the outcome of request `id` (an error travels as `AppError` data, with
 * the underlying error's text for the log), or a line for the main thread's log.
 */
export type StoreReply =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: AppError; detail?: string }
  | {
      kind: 'log'
      level: 'info' | 'warn' | 'error'
      message: string
      fields?: Record<string, unknown>
    }
