import { describe, expect, it } from 'vitest'
import { createManualFrames } from '../../testing/manual-frames.ts'
import { createFrameGate } from './frame-gate.ts'

describe('createFrameGate', () => {
  /** Offers `updates[i]` during frame i and records what the page shows when each frame paints. */
  function stream(updates: string[][]) {
    const frames = createManualFrames()
    const gate = createFrameGate('', frames.scheduleFrame)
    const commits: string[] = []
    gate.subscribe(() => commits.push(gate.shown()))
    const painted: string[] = []
    const perFrame: number[] = []
    for (const batch of updates) {
      const before = commits.length
      for (const value of batch) gate.offer(value)
      frames.run()
      painted.push(gate.shown())
      perFrame.push(commits.length - before)
    }
    return { painted, perFrame }
  }

  it('lets at most one update through per frame, always the newest, and loses none at the end', () => {
    const text = 'The quick brown fox jumps over the lazy dog.'
    // 200 events a second against 60 frames: three or four per frame, then quiet frames.
    const updates: string[][] = []
    for (let end = 1; end <= text.length; end += 4) {
      updates.push([1, 2, 3, 4].map((step) => text.slice(0, Math.min(end + step, text.length))))
    }
    updates.push([], [], [])
    const { painted, perFrame } = stream(updates)
    expect(Math.max(...perFrame)).toBe(1)
    expect(painted.at(-1)).toBe(text)
  })

  it('shows a change at once when changes come a frame apart', () => {
    const { painted } = stream([['a'], ['ab'], ['abc']])
    expect(painted).toEqual(['a', 'ab', 'abc'])
  })

  it('shows the settled value at once and starts afresh after it', () => {
    const frames = createManualFrames()
    const gate = createFrameGate('', frames.scheduleFrame)
    gate.offer('a')
    gate.offer('ab')
    gate.settle('abc!')
    expect(gate.shown()).toBe('abc!')
    frames.run()
    expect(gate.shown()).toBe('abc!')
    gate.offer('abc! more')
    expect(gate.shown()).toBe('abc! more')
  })
})
