import { ServerResponse } from 'node:http'
import { benchClock } from './page-clock.ts'
import { tokenPattern } from './token-answer.ts'

/** When the fake upstream handed each token's chunk to its socket, on the bench clock. */
export type UpstreamWrites = {
  /** Indexed by token; null for tokens not written since the last reset. */
  sent(): (number | null)[]
  reset(): void
  /** Puts `ServerResponse.prototype.write` back. */
  stop(): void
}

type Write = (this: ServerResponse, ...args: unknown[]) => boolean

/**
 * The fake upstream runs in this process; its SSE chunks leave through `ServerResponse#write`.
 * Timing that call, rather than adding a hook to the fake, gives the moment a chunk left for the
 * core: the earliest the core could have it (loopback adds well under a millisecond). The web
 * host runs in its own process, so nothing else here is timed.
 */
export function recordUpstreamWrites(
  options: {
    /** Finds the token in a chunk; its first group is the token's index. */
    pattern?: RegExp
    /** Which responses to time, when other servers share this process (the local API). */
    only?: (response: ServerResponse) => boolean
  } = {},
): UpstreamWrites {
  const { pattern = tokenPattern, only = () => true } = options
  const prototype = ServerResponse.prototype as unknown as { write: Write }
  const hadOwn = Object.hasOwn(prototype, 'write')
  const original = prototype.write
  let sent: number[] = []

  prototype.write = function (this: ServerResponse, ...args: unknown[]) {
    const at = benchClock()
    const result = original.apply(this, args)
    if (!only(this)) return result
    const chunk = args[0]
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('latin1')
          : ''
    for (const match of text.matchAll(pattern)) sent[Number(match[1])] ??= at
    return result
  }

  return {
    sent: () => Array.from(sent, (at) => at ?? null),
    reset() {
      sent = []
    },
    stop() {
      if (hadOwn) prototype.write = original
      else delete (prototype as { write?: Write }).write
    },
  }
}
