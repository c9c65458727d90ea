import { z } from 'zod'

/**
 * Every failure that may cross a process boundary, tagged by `kind`; `message` is for people.
 * Built the first time an error is read, like the contract's schemas (contract.ts).
 */
export const appErrorSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('network'), message: z.string() }),
    z.object({ kind: z.literal('unauthorized'), message: z.string() }),
    z.object({
      kind: z.literal('no_copilot_access'),
      message: z.string(),
      url: z.string().optional(),
    }),
    z.object({ kind: z.literal('rate_limited'), message: z.string(), retryAfterMs: z.number() }),
    z.object({ kind: z.literal('device_code_expired'), message: z.string() }),
    z.object({ kind: z.literal('access_denied'), message: z.string() }),
    z.object({ kind: z.literal('keychain_unavailable'), message: z.string() }),
    z.object({ kind: z.literal('model_unavailable'), message: z.string() }),
    /** The plan's premium requests (or free chat quota) are used up (§11.1, HTTP 402). */
    z.object({
      kind: z.literal('quota_exhausted'),
      message: z.string(),
      retryAfterMs: z.number().optional(),
    }),
    /** The conversation is longer than the model's prompt budget (`max_prompt_tokens`, §6.1). */
    z.object({ kind: z.literal('context_too_long'), message: z.string() }),
    z.object({
      kind: z.literal('upstream'),
      status: z.number(),
      message: z.string(),
      requestId: z.string().optional(),
    }),
    z.object({ kind: z.literal('invalid_input'), message: z.string() }),
    z.object({ kind: z.literal('cancelled'), message: z.string() }),
    z.object({ kind: z.literal('internal'), message: z.string() }),
  ]),
)

export type AppError = z.infer<typeof appErrorSchema>
export type AppErrorKind = AppError['kind']

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
