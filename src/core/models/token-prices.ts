import type { Model, Usage } from '../../shared/contract.ts'

/** A model's token prices as the picker shows them: USD per million tokens. */
export type TokenPrices = NonNullable<Model['tokenPrices']>

/** `billing.token_prices` of a `/models` item (copilot-protocol.md §6.1), already validated. */
export type UpstreamTokenPrices = {
  batch_size: number
  default: { input_price: number; output_price: number; cache_price?: number | undefined }
}

/**
 * What one AI credit (AIC) is worth in USD. Copilot prices tokens in AIC per `batch_size`
 * tokens (§6.1); an AI credit is one US cent, which is the factor opencode applies too
 * (`10000 / batch_size` in `plugin/github-copilot/models.ts`).
 */
const usdPerCredit = 0.01

/**
 * USD per million tokens: `price` AIC buys `batch_size` tokens, so a million tokens cost
 * `price × (1 000 000 / batch_size)` AIC, times $0.01 each — `price × 10 000 / batch_size`.
 * The `default` tier is used; `long_context` prices only apply past `context_max`, which a
 * one-line picker label cannot show. Undefined when the batch size is unusable.
 */
export function tokenPricesInUsd(prices: UpstreamTokenPrices): TokenPrices | undefined {
  if (!(prices.batch_size > 0)) return undefined
  const perMillion = (credits: number) =>
    round((credits * usdPerCredit * 1_000_000) / prices.batch_size)
  const { input_price, output_price, cache_price } = prices.default
  return {
    input: perMillion(input_price),
    output: perMillion(output_price),
    ...(cache_price === undefined ? {} : { cached: perMillion(cache_price) }),
  }
}

/**
 * What an answer cost in USD at these prices: cached prompt tokens at the cached price (the
 * input price when there is none), the rest of the prompt at the input price, and the
 * completion (reasoning included) at the output price.
 */
export function answerCostUsd(
  prices: TokenPrices,
  usage: Pick<Usage, 'promptTokens' | 'completionTokens' | 'cachedTokens'>,
): number {
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens)
  const fresh = usage.promptTokens - cached
  const micro =
    fresh * prices.input +
    cached * (prices.cached ?? prices.input) +
    usage.completionTokens * prices.output
  return micro / 1_000_000
}

// Float noise (175 × 0.01 × 1e6 / 1e6 = 1.7500000000000002) would show up in labels.
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
