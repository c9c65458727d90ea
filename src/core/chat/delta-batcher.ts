/** At most this many `chat:delta` events a second per stream (architecture.md, "Streams"). */
const maxEventsPerSecond = 60
/** Largest text in one event: 16 Ki characters stay under 64 KB even as 4-byte UTF-8. */
const maxCharsPerEvent = 16_384

/**
 * Coalesces streamed text so the renderer gets few, bounded events however fast the model
 * writes: pieces arriving within one frame's time travel together.
 */
export function createDeltaBatcher(send: (text: string) => void, now: () => number = Date.now) {
  let pending = ''
  let lastSentAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const gapMs = 1000 / maxEventsPerSecond

  function flush() {
    clearTimeout(timer)
    timer = undefined
    lastSentAt = now()
    for (let start = 0; start < pending.length; start += maxCharsPerEvent) {
      send(pending.slice(start, start + maxCharsPerEvent))
    }
    pending = ''
  }

  return {
    push(text: string) {
      pending += text
      if (timer) return
      timer = setTimeout(flush, Math.max(0, lastSentAt + gapMs - now()))
    },
    /** Sends what is pending now; call before the stream's final event. */
    flush() {
      if (pending) flush()
      clearTimeout(timer)
      timer = undefined
    },
  }
}
