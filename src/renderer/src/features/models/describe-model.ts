import type { Model } from '../../../../shared/contract.ts'

/** "128K", "1M", "1.5M": a token count, short. */
export function formatTokens(tokens: number): string {
  const short = (value: number) => String(Number(value.toFixed(1)))
  if (tokens >= 1_000_000) return `${short(tokens / 1_000_000)}M`
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`
  return String(tokens)
}

/** What a premium request costs with this model: "0× · included", "1×", "0.33×". */
export function formatMultiplier(multiplier: number | undefined): string | null {
  if (multiplier === undefined) return null
  if (multiplier === 0) return '0× · included'
  return `${Number(multiplier.toFixed(2))}×`
}

/** "$1.75": dollars without trailing zeros, cents kept below a dollar ("$0.175"). */
export function formatUsd(value: number): string {
  return `$${Number(value.toFixed(value < 1 ? 3 : 2))}`
}

/** Token prices per million, input then output: "$1.75 in · $14 out per 1M tokens". */
export function formatTokenPrices(prices: Model['tokenPrices']): string | null {
  if (!prices) return null
  return `${formatUsd(prices.input)} in · ${formatUsd(prices.output)} out per 1M tokens`
}

/** The cost facts of a model: its multiplier, and its token prices where Copilot gives them. */
export function describePrice(model: Model): string[] {
  return [formatMultiplier(model.multiplier), formatTokenPrices(model.tokenPrices)].filter(
    (part): part is string => part !== null,
  )
}

/** Why a listed model cannot be picked right now, or null when it can. */
export function describeAvailability(model: Model): string | null {
  const availability = model.availability
  if (availability.state === 'restricted') return availability.reason
  if (availability.state === 'needs_enable') return 'Needs enabling'
  return null
}

/** What the model can do, in the order the picker's icons show it. */
export function describeCapabilities(model: Model): string[] {
  const parts: string[] = []
  if (model.supportsVision) parts.push('Vision')
  if (model.supportsTools) parts.push('Tools')
  if (model.supportsReasoning) parts.push('Reasoning')
  return parts
}

/** The short facts shown beside the picked model, in reading order. */
export function describeModel(model: Model): string[] {
  return [
    model.vendor,
    ...(model.preview ? ['Preview'] : []),
    ...describeCapabilities(model),
    ...(model.contextWindow ? [`${formatTokens(model.contextWindow)} context`] : []),
    ...describePrice(model),
  ]
}

/** Models grouped by vendor, vendors in the order they first appear. */
export function groupByVendor(models: Model[]): Array<{ vendor: string; models: Model[] }> {
  const groups = new Map<string, Model[]>()
  for (const model of models) {
    const group = groups.get(model.vendor)
    if (group) group.push(model)
    else groups.set(model.vendor, [model])
  }
  return [...groups].map(([vendor, list]) => ({ vendor, models: list }))
}

/** Whether a model matches what was typed in the filter: every word, in name, id or vendor. */
export function matchesFilter(model: Model, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  const haystack = `${model.name} ${model.id} ${model.vendor}`.toLowerCase()
  return words.every((word) => haystack.includes(word))
}
