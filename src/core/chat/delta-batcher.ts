/** At most this many `chat:delta` events a second per stream (architecture.md, "Streams"). */
const maxEventsPerSecond = 60
/** Largest text in one event: 16 Ki characters stay under 64 KB even as 4-byte UTF-8. */
const maxCharsPerEvent = 16_384

/** What one `chat:delta` carries: answer text and "Thinking" text, either may be empty. */
export type DeltaBatch = { text: string; reasoning: string }

/**
 * Coalesces streamed text so the renderer gets few, bounded events however fast the model
 * writes: pieces arriving within one frame's time travel together, and no event carries more
 * than `maxCharsPerEvent` characters of answer and reasoning together.
 */
export function createDeltaBatcher(
  send: (batch: DeltaBatch) => void,
  now: () => number = Date.now,
) {
  let text = ''
  let reasoning = ''
  let lastSentAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const gapMs = 1000 / maxEventsPerSecond

  function flush() {
    clearTimeout(timer)
    timer = undefined
    lastSentAt = now()
    // Reasoning first: a model thinks before it answers.
    while (reasoning || text) {
      const reasoningPart = reasoning.slice(0, maxCharsPerEvent)
      const textPart = text.slice(0, maxCharsPerEvent - reasoningPart.length)
      reasoning = reasoning.slice(reasoningPart.length)
      text = text.slice(textPart.length)
      send({ text: textPart, reasoning: reasoningPart })
    }
  }

  function schedule() {
    if (timer) return
    // Rounded up: timers fire on whole milliseconds, and rounding down would exceed the rate.
    timer = setTimeout(flush, Math.max(0, Math.ceil(lastSentAt + gapMs - now())))
  }

  return {
    push(piece: string) {
      text += piece
      schedule()
    },
    pushReasoning(piece: string) {
      reasoning += piece
      schedule()
    },
    /** Forgets what is pending (Stop: nothing more reaches the screen). */
    discard() {
      text = ''
      reasoning = ''
      clearTimeout(timer)
      timer = undefined
    },
    /** Sends what is pending now; call before the stream's final event. */
    flush() {
      if (text || reasoning) flush()
      clearTimeout(timer)
      timer = undefined
    },
  }
}
