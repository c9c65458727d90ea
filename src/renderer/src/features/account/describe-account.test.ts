import { describe, expect, it } from 'vitest'
import type { Quota } from '../../../../shared/contract.ts'
import { describeQuota, formatResetDate, planLabel } from './describe-account.ts'

const quota = (overrides: Partial<Quota> = {}): Quota => ({
  id: 'premium_interactions',
  unlimited: false,
  entitlement: 300,
  remaining: 300,
  percentRemaining: 100,
  overagePermitted: false,
  ...overrides,
})

describe('planLabel', () => {
  it('names the known plans and shows others as sent', () => {
    expect(planLabel('free')).toBe('Copilot Free')
    expect(planLabel('individual')).toBe('Copilot Pro')
    expect(planLabel('individual_pro')).toBe('Copilot Pro+')
    expect(planLabel('business')).toBe('Copilot Business')
    expect(planLabel('enterprise')).toBe('Copilot Enterprise')
    expect(planLabel('galaxy_brain')).toBe('galaxy_brain')
  })
})

describe('describeQuota', () => {
  it('counts what is left, to one decimal at most', () => {
    expect(describeQuota(quota())).toBe('300 of 300 premium requests left')
    expect(describeQuota(quota({ remaining: 12.345 }))).toBe('12.3 of 300 premium requests left')
    expect(describeQuota(quota({ remaining: 7.96, entitlement: 50 }))).toBe(
      '8 of 50 premium requests left',
    )
    expect(describeQuota(quota({ remaining: -4 }))).toBe('0 of 300 premium requests left')
  })

  it('says unlimited, no quota, and chat quotas in words', () => {
    expect(describeQuota(quota({ unlimited: true, entitlement: 0 }))).toBe(
      'Unlimited premium requests',
    )
    expect(describeQuota(quota({ entitlement: 0, remaining: 0 }))).toBe(
      'No premium requests included',
    )
    expect(describeQuota(quota({ id: 'chat', entitlement: 50, remaining: 49 }))).toBe(
      '49 of 50 chat messages left',
    )
  })
})

describe('formatResetDate', () => {
  it('shows a bare date as the calendar day it names', () => {
    expect(formatResetDate('2025-08-01', 'en-US')).toBe('Aug 1, 2025')
    expect(formatResetDate('2025-08-01', 'de-DE')).toBe('01.08.2025')
  })

  it('reads full timestamps and refuses junk', () => {
    expect(formatResetDate('2025-08-01T12:00:00Z', 'en-US')).toMatch(/^(Jul 31|Aug 1|Aug 2), 2025$/)
    expect(formatResetDate('next month', 'en-US')).toBeNull()
  })
})
