import type { Quota } from '../../../../shared/contract.ts'

const planNames: Record<string, string> = {
  free: 'Copilot Free',
  individual: 'Copilot Pro',
  individual_pro: 'Copilot Pro+',
  business: 'Copilot Business',
  enterprise: 'Copilot Enterprise',
}

/** "Copilot Pro+" for `individual_pro`; a plan GitHub added later is shown as sent. */
export function planLabel(plan: string): string {
  return planNames[plan] ?? plan
}

/** What a quota counts, in the words of a sentence: "premium requests", "chat messages". */
export function quotaNoun(quota: Pick<Quota, 'id'>): string {
  if (quota.id === 'chat') return 'chat messages'
  return 'premium requests'
}

const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/** "300", "1,234.5": requests are fractional with multiplier models, so one decimal at most. */
export function formatCount(value: number): string {
  return countFormat.format(value)
}

/** "N of M premium requests left", or what to say instead when there is no count. */
export function describeQuota(quota: Quota): string {
  const noun = quotaNoun(quota)
  if (quota.unlimited) return `Unlimited ${noun}`
  if (quota.entitlement <= 0) return `No ${noun} included`
  const remaining = Math.max(0, quota.remaining)
  return `${formatCount(remaining)} of ${formatCount(quota.entitlement)} ${noun} left`
}

/**
 * The reset date in the reader's words ("Aug 1, 2025"), or null when it cannot be read. A bare
 * date is a calendar day, so it is shown as written rather than shifted by the time zone.
 */
export function formatResetDate(value: string, locale?: string): string | null {
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = new Date(isDateOnly ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(isDateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date)
}
