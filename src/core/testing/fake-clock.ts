import { abortError, systemClock, type Clock } from '../ports.ts'

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

/** Real time plus an offset that `advance` grows, as after a laptop slept with the app open. */
export function createOffsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    sleep: systemClock.sleep,
    advance: (ms) => void (offset += ms),
  }
}
