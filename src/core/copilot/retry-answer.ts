import { AppFailure, type AppError } from '../../shared/errors.ts'
import {
  streamAnswer,
  type AnswerEvent,
  type AnswerRequest,
  type StreamOutcome,
} from './answer-stream.ts'
import { CopilotResponseFailure, type CopilotDeps } from './copilot-request.ts'

/** How hard to retry an answer that failed before anything of it arrived. */
export type RetryPolicy = {
  /** Retries after the first attempt. */
  maxRetries: number
  /** Backoff before retry n (counted from 0) is `random() × min(maxDelayMs, baseDelayMs × 2ⁿ)`. */
  baseDelayMs: number
  maxDelayMs: number
  /** A `Retry-After` longer than this is not waited out: the failure is shown instead. */
  maxRetryAfterMs: number
  /** For tests; `Math.random` by default. */
  random?: () => number
}

/** Three retries, 0.5 s base, 8 s cap, and `Retry-After` waited out up to 20 s. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
}

/** 5xx statuses worth another try (§11.1: 503 is the upstream provider's rate limit). */
const retryableStatuses = new Set([500, 502, 503, 504])

/**
 * `streamAnswer`, retried while nothing of the answer has been delivered (copilot-protocol.md
 * §11.1; architecture "Retries"): on 429 (waiting out `Retry-After`), on 500/502/503/504, and on
 * network failures, including a connection that dropped before the first event. Once text or
 * reasoning has reached `onEvent`, a failure is final, so nothing is shown twice. Waits use
 * `deps.clock.sleep` with the request's signal, so Stop ends a wait at once. Retries are billed
 * `X-Initiator: agent` (§5.3): only the first attempt is the person's own request.
 */
export async function streamAnswerWithRetries(
  deps: CopilotDeps,
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
  options: {
    policy?: RetryPolicy
    onRetry?: (info: { attempt: number; delayMs: number; error: AppError }) => void
  } = {},
): Promise<StreamOutcome> {
  const policy = options.policy ?? defaultRetryPolicy
  const random = policy.random ?? Math.random
  let delivered = false
  const deliver = (event: AnswerEvent) => {
    delivered = true
    onEvent(event)
  }
  for (let retry = 0; ; retry++) {
    const attempt = retry === 0 ? request : { ...request, initiator: 'agent' as const }
    try {
      return await streamAnswer(deps, attempt, deliver)
    } catch (thrown) {
      if (delivered || request.signal.aborted || retry >= policy.maxRetries) throw thrown
      if (!(thrown instanceof AppFailure)) throw thrown
      const delayMs = retryDelay(thrown, retry, policy, random)
      if (delayMs === undefined) throw thrown
      options.onRetry?.({ attempt: retry + 1, delayMs, error: thrown.error })
      await deps.clock.sleep(delayMs, request.signal)
    }
  }
}

/** How long to wait before retrying this failure, or undefined when it must not be retried. */
function retryDelay(
  failure: AppFailure,
  retry: number,
  policy: RetryPolicy,
  random: () => number,
): number | undefined {
  const error = failure.error
  const retryable =
    error.kind === 'network' ||
    error.kind === 'rate_limited' ||
    (error.kind === 'upstream' && retryableStatuses.has(error.status))
  if (!retryable) return undefined
  const retryAfter = failure instanceof CopilotResponseFailure ? failure.retryAfterMs : undefined
  if (retryAfter !== undefined) {
    return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined
  }
  // Full jitter: spreads the retries of many clients hit by the same outage.
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
}
