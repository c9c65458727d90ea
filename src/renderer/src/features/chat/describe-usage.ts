import type { Usage } from '../../../../shared/contract.ts'

const count = (n: number) => n.toLocaleString('en-US')

/** `$0.012`: two significant digits under a dollar, so a cheap answer does not read as free. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0'
  if (usd < 0.0001) return '<$0.0001'
  return `$${usd < 1 ? usd.toPrecision(2) : usd.toFixed(2)}`
}

/** One line under an answer: tokens in and out, and what it cost where that is known. */
export function describeUsage(usage: Usage): string {
  const parts = [`${count(usage.promptTokens)} tokens in`, `${count(usage.completionTokens)} out`]
  if (usage.reasoningTokens) parts.push(`${count(usage.reasoningTokens)} thinking`)
  if (usage.cachedTokens) parts.push(`${count(usage.cachedTokens)} cached`)
  if (usage.costUsd !== undefined) parts.push(formatCost(usage.costUsd))
  if (usage.premiumRequests !== undefined) {
    const n = usage.premiumRequests
    parts.push(n === 0 ? 'no premium requests' : `${count(n)} premium request${n === 1 ? '' : 's'}`)
  }
  return parts.join(' · ')
}
