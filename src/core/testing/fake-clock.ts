import { abortError, type Clock } from '../ports.ts'

/**
 * A clock for sequential flows: every `sleep` moves time forward by exactly what was asked and
 * resolves at once, so a 15-minute device flow runs in milliseconds with its timing intact.
 */
export function createSteppingClock(start = 1_700_000_000_000): Clock & { sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw abortError()
      sleeps.push(ms)
      now += ms
    },
  }
}
