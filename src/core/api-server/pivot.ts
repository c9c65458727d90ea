/**
 * The pivot every translated stream passes through: OpenAI chat-completion chunks, normalised
 * (§12). Upstream decoders turn Copilot's events into these; client encoders turn them into what
 * the client's SDK reads.
 */

/** One `chat.completion.chunk`, already normalised: `object`, `id`, `model` set; no `usage`. */
export type ChatChunk = {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: ChunkChoice[]
  [extra: string]: unknown
}

export type ChunkChoice = {
  index: number
  delta: ChunkDelta
  finish_reason?: string | null
  [extra: string]: unknown
}

export type ChunkDelta = {
  role?: string | null
  content?: string | null
  /** Reasoning text (Copilot's Gemini `reasoning_text`, a responses summary): not OpenAI's own. */
  reasoning_text?: string | null
  /** Copilot's opaque reasoning to echo back (Gemini, §7.1). */
  reasoning_opaque?: string | null
  tool_calls?: ToolCallDelta[]
  [extra: string]: unknown
}

export type ToolCallDelta = {
  index: number
  id?: string
  type?: 'function'
  function?: { name?: string; arguments?: string }
  [extra: string]: unknown
}

/** OpenAI chat usage; `prompt_tokens` includes cached tokens. */
export type ChatUsage = {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details?: { cached_tokens?: number }
  completion_tokens_details?: { reasoning_tokens?: number }
}

/** A failure Copilot reported inside a 200 stream (§11.1), or a cut connection. */
export type StreamError = { message: string; code?: string }

export type PivotEvent =
  | { kind: 'chunk'; chunk: ChatChunk }
  | { kind: 'usage'; usage: ChatUsage }
  | { kind: 'error'; error: StreamError }

/** Turns one client-facing stream's pivot events into SSE text in the client's format. */
export type ClientEncoder = {
  /** SSE text for one event ('' for none). */
  event(event: PivotEvent): string
  /** SSE text that closes a stream that ended well. */
  end(): string
}

/**
 * A `ClientEncoder` over a format's event builder (`createAnthropicEvents`,
 * `createResponsesEvents`), which emits whole events through `emit` as pivot events come in: each
 * call returns the SSE text, written by `toSse`, of the events that call produced.
 */
export function createBufferedEncoder<Event>(
  build: (emit: (event: Event) => void) => { event(event: PivotEvent): void; end(): void },
  toSse: (event: Event) => string,
): ClientEncoder {
  let out = ''
  const events = build((event) => (out += toSse(event)))
  const take = () => {
    const text = out
    out = ''
    return text
  }
  return {
    event(event) {
      events.event(event)
      return take()
    },
    end() {
      events.end()
      return take()
    },
  }
}

/** Gathers pivot events into the client's non-streaming body. */
export type ClientCollector = {
  event(event: PivotEvent): void
  /** The body, or the failure the stream reported. */
  result(): { body: Record<string, unknown> } | { error: StreamError }
}

/** Reads one upstream route's SSE messages into pivot events. */
export type UpstreamDecoder = {
  /** Handles one SSE message (`event` may be undefined); returns true when it ends the answer. */
  message(event: string | undefined, data: string, emit: (event: PivotEvent) => void): boolean
  /**
   * The upstream stream is over: emits what waited for the end (usage) and returns whether the
   * answer ended as it should (its closing event, or a failure already emitted). False means the
   * connection was cut.
   */
  end(emit: (event: PivotEvent) => void): boolean
}

/** The `usage` of a chunk or body, when it is a real one. */
export function readChatUsage(value: unknown): ChatUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const usage = value as Record<string, unknown>
  const prompt = usage.prompt_tokens
  const completion = usage.completion_tokens
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined
  return value as ChatUsage
}

/**
 * A failure Copilot reported inside a 200 stream (§11.1), from the record holding its `message`
 * and `code`, as the pivot's error event; every upstream route words its failures this way.
 */
export function upstreamErrorEvent(error: Record<string, unknown>): PivotEvent {
  return {
    kind: 'error',
    error: {
      message: typeof error.message === 'string' ? error.message : 'Copilot stopped the answer.',
      ...(typeof error.code === 'string' ? { code: error.code } : {}),
    },
  }
}
