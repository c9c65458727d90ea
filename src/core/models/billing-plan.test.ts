import { describe, expect, it } from 'vitest'
import { billingPlanOf, planRestriction } from './billing-plan.ts'

describe('the billing plan of an account', () => {
  it('maps copilot_plan (§3) to the plan names of restricted_to (§6.1)', () => {
    expect(billingPlanOf('free')).toBe('free')
    expect(billingPlanOf('individual')).toBe('pro')
    expect(billingPlanOf('individual_pro')).toBe('pro_plus')
    expect(billingPlanOf('business')).toBe('business')
    expect(billingPlanOf('Enterprise')).toBe('enterprise')
    expect(billingPlanOf('pro_plus')).toBe('pro_plus')
  })

  it('treats a missing or unheard-of plan as unknown', () => {
    expect(billingPlanOf(null)).toBeNull()
    expect(billingPlanOf('')).toBeNull()
    expect(billingPlanOf('galactic')).toBeNull()
  })
})

describe('plan restrictions', () => {
  it('names the plans that include the model, cheapest first', () => {
    expect(planRestriction(['business', 'pro_plus'], 'pro')).toBe('Needs Copilot Pro+ or Business')
    expect(planRestriction(['enterprise', 'pro', 'pro_plus', 'business'], 'free')).toBe(
      'Needs Copilot Pro, Pro+, Business or Enterprise',
    )
    expect(planRestriction(['enterprise'], 'pro')).toBe('Needs Copilot Enterprise')
    expect(planRestriction(['future_tier', 'pro_plus'], 'free')).toBe(
      'Needs Copilot Pro+ or future_tier',
    )
  })

  it('restricts nothing when the plan is listed, the list is empty or the plan is unknown', () => {
    expect(planRestriction(['pro', 'PRO_PLUS'], 'pro_plus')).toBeNull()
    expect(planRestriction([], 'free')).toBeNull()
    expect(planRestriction(undefined, 'free')).toBeNull()
    expect(planRestriction(['enterprise'], null)).toBeNull()
  })
})
