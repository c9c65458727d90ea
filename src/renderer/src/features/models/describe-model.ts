import type { Model } from '../../../../shared/contract.ts'

/** "128k", "1M": a context window in tokens, short. */
export function formatTokens(tokens: number): string {
  const short = (value: number) => String(Number(value.toFixed(1)))
  if (tokens >= 1_000_000) return `${short(tokens / 1_000_000)}M`
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}k`
  return String(tokens)
}

/** What a premium request costs with this model, when Copilot says. */
export function formatCost(multiplier: number | undefined): string | null {
  if (multiplier === undefined) return null
  if (multiplier === 0) return 'Included'
  return `${Number(multiplier.toFixed(2))}× premium`
}

/** The short facts shown beside the model picker, in reading order. */
export function describeModel(model: Model): string[] {
  const parts = [model.vendor]
  if (model.preview) parts.push('Preview')
  if (model.supportsVision) parts.push('Vision')
  if (model.supportsTools) parts.push('Tools')
  if (model.contextWindow) parts.push(`${formatTokens(model.contextWindow)} context`)
  const cost = formatCost(model.multiplier)
  if (cost) parts.push(cost)
  return parts
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
