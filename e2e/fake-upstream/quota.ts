import type { Scenario } from './scenario.ts'

function nextMonthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
}

/** §3: premium quota numbers, fractional because of model multipliers. */
export function premiumSnapshot(scenario: Scenario) {
  const entitlement = scenario.premiumEntitlement
  const remaining = Math.max(0, entitlement - scenario.premiumUsed)
  const percentRemaining = entitlement === 0 ? 0 : (remaining / entitlement) * 100
  return {
    entitlement,
    remaining,
    percentRemaining: Math.round(percentRemaining * 100) / 100,
    overageCount: Math.max(0, scenario.premiumUsed - entitlement),
    resetAt: nextMonthStart(),
  }
}

/** §11.3: `x-quota-snapshot-premium_interactions`, a URL-encoded list of fields. */
export function premiumQuotaHeader(scenario: Scenario): string {
  const snapshot = premiumSnapshot(scenario)
  return new URLSearchParams({
    ent: String(snapshot.entitlement),
    ov: snapshot.overageCount.toFixed(1),
    ovPerm: 'true',
    rem: String(snapshot.percentRemaining),
    rst: snapshot.resetAt.toISOString(),
  }).toString()
}
