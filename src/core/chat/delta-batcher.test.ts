import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeltaBatcher, type DeltaBatch } from './delta-batcher.ts'

describe('delta batcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function setup() {
    const sent: DeltaBatch[] = []
    const batcher = createDeltaBatcher(
      (batch) => sent.push(batch),
      () => Date.now(),
    )
    return { sent, batcher }
  }

  it('sends pieces that arrive within one frame together, at most 60 a second', () => {
    const { sent, batcher } = setup()
    for (let i = 0; i < 1000; i++) {
      batcher.push('ab')
      vi.advanceTimersByTime(1)
    }
    batcher.flush()
    // 1 s of pieces every millisecond: about 60 events, not 1000.
    expect(sent.length).toBeLessThanOrEqual(62)
    expect(sent.map((b) => b.text).join('')).toBe('ab'.repeat(1000))
  })

  it('keeps reasoning and answer text apart, reasoning first', () => {
    const { sent, batcher } = setup()
    batcher.pushReasoning('Thinking. ')
    batcher.push('Answer.')
    batcher.flush()
    expect(sent).toEqual([{ text: 'Answer.', reasoning: 'Thinking. ' }])
  })

  it('splits a huge piece so no event carries more than 16 Ki characters', () => {
    const { sent, batcher } = setup()
    batcher.pushReasoning('r'.repeat(10_000))
    batcher.push('t'.repeat(30_000))
    batcher.flush()
    for (const batch of sent)
      expect(batch.text.length + batch.reasoning.length).toBeLessThanOrEqual(16_384)
    expect(sent.map((b) => b.reasoning).join('')).toBe('r'.repeat(10_000))
    expect(sent.map((b) => b.text).join('')).toBe('t'.repeat(30_000))
  })
})
