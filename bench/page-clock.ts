import type { Page } from 'playwright-core'

/**
 * The bench process's clock in the page probes' unit: `performance.timeOrigin + performance.now()`
 * is monotonic from the process start and reads as epoch milliseconds, so on one machine it
 * compares with the page's `performance.timeOrigin + performance.now()`.
 */
export const benchClock = (): number => performance.timeOrigin + performance.now()

/** How far the page clock is ahead of the bench clock, and how sure that estimate is. */
export type ClockOffset = { offsetMs: number; uncertaintyMs: number }

/**
 * Both clocks anchor to the system's wall clock at different moments, so they agree unless that
 * clock was adjusted in between. This checks it: the page's clock is read between two bench
 * readings, and the round trip with the least delay bounds the offset (± half its length).
 */
export async function measureClockOffset(page: Page, samples = 15): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: Number.NaN, uncertaintyMs: Infinity }
  for (let i = 0; i < samples; i++) {
    const before = benchClock()
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = benchClock()
    const uncertaintyMs = (after - before) / 2
    if (uncertaintyMs < best.uncertaintyMs) {
      best = { offsetMs: pageTime - (before + after) / 2, uncertaintyMs }
    }
  }
  return best
}
