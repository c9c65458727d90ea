import { afterEach, describe, expect, it, vi } from 'vitest'
import { watchClockJumps } from './clock-jumps.ts'

afterEach(() => vi.useRealTimers())

describe('watchClockJumps', () => {
  it('notices a sleep and ignores ordinary ticks', () => {
    vi.useFakeTimers()
    let wall = 0
    const jumps: number[] = []
    const stop = watchClockJumps(() => jumps.push(wall), { now: () => wall, intervalMs: 1000 })
    wall += 1000
    vi.advanceTimersByTime(1000)
    expect(jumps).toEqual([])
    wall += 2 * 3600_000 + 1000 // the laptop slept for two hours during this tick
    vi.advanceTimersByTime(1000)
    expect(jumps).toEqual([wall])
    stop()
  })
})
