import { describe, expect, it } from 'vitest'
import { applyQuotaHeaders, readCopilotUser } from './read-copilot-user.ts'

describe('reading the account (§3)', () => {
  it('reads a paid plan with a fractional premium quota', () => {
    const account = readCopilotUser(
      {
        copilot_plan: 'individual_pro',
        quota_reset_date: '2026-12-01',
        quota_snapshots: {
          premium_interactions: {
            entitlement: 300,
            remaining: 93,
            quota_remaining: 93.5,
            percent_remaining: 31.17,
            unlimited: false,
            overage_permitted: true,
          },
          chat: { entitlement: 0, remaining: 0, percent_remaining: 100, unlimited: true },
        },
      },
      'octocat',
      'github.com',
    )
    expect(account).toEqual({
      login: 'octocat',
      host: 'github.com',
      plan: 'individual_pro',
      quota: {
        id: 'premium_interactions',
        unlimited: false,
        entitlement: 300,
        remaining: 93.5,
        percentRemaining: 31.17,
        overagePermitted: true,
      },
      resetDate: '2026-12-01',
    })
  })

  it('reads the free plan fields', () => {
    const account = readCopilotUser(
      {
        access_type_sku: 'free_limited_copilot',
        copilot_plan: 'free',
        limited_user_quotas: { chat: 40, completions: 1500 },
        monthly_quotas: { chat: 50, completions: 2000 },
        limited_user_reset_date: 1767225600,
      },
      'someone',
      'github.com',
    )
    expect(account.quota).toMatchObject({
      id: 'chat',
      entitlement: 50,
      remaining: 40,
      percentRemaining: 80,
    })
    expect(account.resetDate).toBe('2026-01-01T00:00:00.000Z')
  })

  it('survives an answer with nothing it knows', () => {
    expect(readCopilotUser({ quota_snapshots: null, copilot_plan: 7 }, 'a', 'h')).toEqual({
      login: 'a',
      host: 'h',
      plan: null,
      quota: null,
      resetDate: null,
    })
  })

  it('updates the quota from the header of an answer (§11.3)', () => {
    const base = readCopilotUser({}, 'a', 'github.com')
    const headers = new Headers({
      'x-quota-snapshot-premium_interactions':
        'ent=300&ov=0.0&ovPerm=true&rem=50&rst=2026-12-01T00%3A00%3A00Z',
    })
    expect(applyQuotaHeaders(base, headers)).toMatchObject({
      quota: { entitlement: 300, remaining: 150, percentRemaining: 50, overagePermitted: true },
      resetDate: '2026-12-01T00:00:00Z',
    })
    const unlimited = new Headers({ 'x-quota-snapshot-chat': 'ent=-1&rem=100' })
    expect(applyQuotaHeaders(base, unlimited).quota).toMatchObject({ unlimited: true })
    expect(applyQuotaHeaders(base, new Headers())).toBe(base)
  })
})
