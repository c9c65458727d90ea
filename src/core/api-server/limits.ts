/** How much the local API takes before it says no. */
export type Limits = {
  /** Largest request body in bytes (413 beyond). Images and long agent contexts are big. */
  maxBodyBytes: number
  /** Requests answered at the same time, streams included (429 beyond). */
  maxConcurrentRequests: number
  /** Requests admitted in any 60-second window (429 beyond). */
  requestsPerMinute: number
}

/** Roomy enough for agents running many streams; tight enough to stop a runaway script. */
export const defaultLimits: Limits = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxConcurrentRequests: 64,
  requestsPerMinute: 600,
}

/** A request let in; `release` (idempotent) frees its concurrency slot. */
export type Admitted = { admitted: true; release(): void }
/** A request turned away, with the seconds after which trying again can succeed. */
export type Turned = { admitted: false; retryAfterSeconds: number; message: string }

/**
 * Admission for authenticated requests: at most `maxConcurrentRequests` at once and
 * `requestsPerMinute` in any sliding minute. Only admitted requests count against the minute, so
 * a client that is turned away cannot keep itself locked out.
 */
export function createAdmission(limits: Limits, now: () => number) {
  let inFlight = 0
  // Admission times within the last minute, oldest first; never longer than the limit.
  const recent: number[] = []
  return {
    admit(): Admitted | Turned {
      const at = now()
      while (recent.length > 0 && (recent[0] ?? 0) <= at - 60_000) recent.shift()
      if (recent.length >= limits.requestsPerMinute) {
        const oldest = recent[0] ?? at
        return {
          admitted: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + 60_000 - at) / 1000)),
          message: `Too many requests: the local API takes ${limits.requestsPerMinute} a minute.`,
        }
      }
      if (inFlight >= limits.maxConcurrentRequests) {
        return {
          admitted: false,
          retryAfterSeconds: 1,
          message: `Too many requests at once: the local API answers ${limits.maxConcurrentRequests} at a time.`,
        }
      }
      recent.push(at)
      inFlight += 1
      let released = false
      return {
        admitted: true,
        release() {
          if (released) return
          released = true
          inFlight -= 1
        },
      }
    },
  }
}
