import type { z } from 'zod'
import type { appErrorSchema } from './error-schema.ts'

/** Every failure that may cross a process boundary (its schema: `error-schema.ts`). */
export type AppError = z.infer<typeof appErrorSchema>

/** Every kind of `AppError`, for checks that must not load zod (the renderer's client). */
export const appErrorKinds = [
  'network',
  'unauthorized',
  'no_copilot_access',
  'rate_limited',
  'device_code_expired',
  'access_denied',
  'keychain_unavailable',
  'model_unavailable',
  'quota_exhausted',
  'context_too_long',
  'upstream',
  'invalid_input',
  'cancelled',
  'internal',
] as const
export type AppErrorKind = (typeof appErrorKinds)[number]

const kindSet: ReadonlySet<string> = new Set(appErrorKinds)

/** Whether `value` has the shape every `AppError` shares: a known `kind` and a `message`. */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false
  const { kind, message } = value as { kind?: unknown; message?: unknown }
  return typeof kind === 'string' && kindSet.has(kind) && typeof message === 'string'
}

/** The outcome of every request: a value, or an `AppError` as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/**
 * An exception that carries an `AppError`, so services can throw a designed failure and the
 * dispatcher can return it as data instead of collapsing it to `internal`.
 */
export class AppFailure extends Error {
  readonly error: AppError
  constructor(error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
    this.error = error
  }
}

/** The `AppError` inside anything thrown: designed failures keep their kind, the rest is `internal`. */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppFailure) return thrown.error
  if (thrown instanceof Error && thrown.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Cancelled.' }
  }
  return { kind: 'internal', message: 'Something went wrong inside LogAI.' }
}

/** For exhaustive switches over tagged unions: fails to compile when a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected case: ${JSON.stringify(value)}`)
}
