import { z } from 'zod'
import type { Same } from './channel-names.ts'
import type { AppErrorKind } from './errors.ts'

/**
 * Every failure that may cross a process boundary, tagged by `kind`; `message` is for people.
 * Built the first time an error is read, like the contract's schemas (contract.ts). The core
 * checks errors with it; the renderer, which must start without zod, only reads `errors.ts`.
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

// `errors.ts` lists the kinds for checks without zod: the two must name the same kinds.
const kindsMatch: Same<z.infer<typeof appErrorSchema>['kind'], AppErrorKind> = true
void kindsMatch
