import { describe, expect, it } from 'vitest'
import { describeUsage, formatCost } from './describe-usage.ts'

describe('describeUsage', () => {
  it('says tokens in and out, thinking, cache, cost and premium requests', () => {
    expect(
      describeUsage({
        promptTokens: 12_345,
        completionTokens: 678,
        reasoningTokens: 200,
        cachedTokens: 10_000,
        costUsd: 0.0123,
        premiumRequests: 1,
      }),
    ).toBe('12,345 tokens in · 678 out · 200 thinking · 10,000 cached · $0.012 · 1 premium request')
  })

  it('says when an answer counted no premium requests, and fractional multipliers', () => {
    expect(describeUsage({ promptTokens: 1, completionTokens: 2, premiumRequests: 0 })).toBe(
      '1 tokens in · 2 out · no premium requests',
    )
    expect(describeUsage({ promptTokens: 1, completionTokens: 2, premiumRequests: 0.33 })).toBe(
      '1 tokens in · 2 out · 0.33 premium requests',
    )
  })

  it('never shows a cheap answer as free', () => {
    expect(formatCost(0.00001)).toBe('<$0.0001')
    expect(formatCost(0.5)).toBe('$0.50')
    expect(formatCost(0)).toBe('$0')
  })
})
