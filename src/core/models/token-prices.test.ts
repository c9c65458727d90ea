import { describe, expect, it } from 'vitest'
import { answerCostUsd, tokenPricesInUsd } from './token-prices.ts'

describe('token prices (§6.1)', () => {
  it('turns AI credits per batch into USD per million tokens (1 credit = $0.01)', () => {
    const prices = { input_price: 175, output_price: 1400, cache_price: 17.5 }
    expect(tokenPricesInUsd({ batch_size: 1_000_000, default: prices })).toEqual({
      input: 1.75,
      output: 14,
      cached: 0.175,
    })
    // The same prices per 10 000 tokens are a hundred times dearer per million.
    expect(tokenPricesInUsd({ batch_size: 10_000, default: prices })).toEqual({
      input: 175,
      output: 1400,
      cached: 17.5,
    })
  })

  it('leaves out a cached price Copilot does not give, and refuses a batch size of 0', () => {
    const prices = { input_price: 1, output_price: 2 }
    expect(tokenPricesInUsd({ batch_size: 1_000_000, default: prices })).toEqual({
      input: 0.01,
      output: 0.02,
    })
    expect(tokenPricesInUsd({ batch_size: 0, default: prices })).toBeUndefined()
  })

  it('prices an answer: cached prompt tokens at the cached price, the rest at input', () => {
    const prices = { input: 2, output: 8, cached: 0.5 }
    const cost = answerCostUsd(prices, {
      promptTokens: 1_000_000,
      cachedTokens: 400_000,
      completionTokens: 250_000,
    })
    expect(cost).toBeCloseTo(0.6 * 2 + 0.4 * 0.5 + 0.25 * 8, 10)
    expect(
      answerCostUsd(
        { input: 2, output: 8 },
        { promptTokens: 500, cachedTokens: 100, completionTokens: 0 },
      ),
    ).toBeCloseTo(0.001, 10)
  })
})
