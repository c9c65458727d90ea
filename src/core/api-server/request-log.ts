/** One request the local API answered, as Settings → Local API lists it. */
export type RequestLogEntry = {
  /** When the request arrived (epoch ms). */
  at: number
  durationMs: number
  /** The client's `User-Agent` (cut to 200 characters), or `unknown`. */
  client: string
  /** The local route, e.g. `/v1/chat/completions`. */
  endpoint: string
  /** The model the client named, when there was one. */
  model: string | null
  /** The Copilot route the request went to (`/chat/completions`, `/responses`, …), if any. */
  upstream: string | null
  stream: boolean
  /** The HTTP status the client got; a stream that failed after it started still has 200. */
  status: number
  inputTokens: number | null
  outputTokens: number | null
  /** Why the request failed, in words (never a token). */
  error?: string
}

/** An in-memory log of the latest requests, oldest first; the app persists its own. */
export type RequestLogRing = {
  record(entry: RequestLogEntry): void
  entries(): RequestLogEntry[]
}

/** Keeps the last `capacity` entries. */
export function createRequestLogRing(capacity = 500): RequestLogRing {
  const slots: RequestLogEntry[] = []
  let next = 0
  return {
    record(entry) {
      if (slots.length < capacity) slots.push(entry)
      else slots[next] = entry
      next = (next + 1) % capacity
    },
    entries() {
      return slots.length < capacity ? [...slots] : [...slots.slice(next), ...slots.slice(0, next)]
    },
  }
}
