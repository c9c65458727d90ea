import type { Model, Usage } from '../../shared/contract.ts'
import type { Usage as StreamUsage } from '../copilot/answer-stream.ts'
import { answerCostUsd } from '../models/token-prices.ts'

/**
 * What an answer used and cost: the stream's token counts, the USD cost where the model has token
 * prices (§6.1), and the premium requests it counted — the model multiplier, for `user` requests
 * only (§5.3: `agent` requests are not billed as premium requests).
 */
export function answerUsage(
  usage: StreamUsage,
  model: Model | undefined,
  initiator: 'user' | 'agent',
): Usage {
  const costUsd = model?.tokenPrices ? answerCostUsd(model.tokenPrices, usage) : undefined
  return {
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    ...(usage.cachedTokens === undefined ? {} : { cachedTokens: usage.cachedTokens }),
    ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(model?.multiplier === undefined
      ? {}
      : { premiumRequests: initiator === 'user' ? model.multiplier : 0 }),
  }
}
