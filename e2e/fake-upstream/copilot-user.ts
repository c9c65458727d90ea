import { requireGithubToken } from './github-auth.ts'
import { sendJson } from './http-io.ts'
import { premiumSnapshot } from './quota.ts'
import type { RouteContext } from './route.ts'
import { copilotEndpoints } from './token-exchange.ts'

/**
 * The fake user's plan as `billing.restricted_to` names plans (§6.1). `copilot_plan:
 * individual_pro` with the `plus_monthly_subscriber_quota` sku is Copilot Pro+, i.e. `pro_plus`.
 */
export const fakeUserBillingPlan = 'pro_plus'

function unlimitedSnapshot(id: string, timestamp: string) {
  return {
    quota_id: id,
    entitlement: 0,
    remaining: 0,
    quota_remaining: 0,
    percent_remaining: 100,
    unlimited: true,
    overage_permitted: false,
    overage_count: 0,
    timestamp_utc: timestamp,
  }
}

/** `GET /copilot_internal/user`: plan and quotas, the paid-plan shape of §3. */
export function getCopilotUser(ctx: RouteContext): void {
  const token = requireGithubToken(ctx)
  if (token === undefined) return
  const premium = premiumSnapshot(ctx.state.scenario)
  const timestamp = new Date().toISOString()
  const resetDate = premium.resetAt.toISOString().slice(0, 10)
  sendJson(ctx.res, 200, {
    login: token.login,
    access_type_sku: 'plus_monthly_subscriber_quota',
    analytics_tracking_id: 'fake-analytics-id',
    assigned_date: '2025-01-01T00:00:00Z',
    can_signup_for_limited: false,
    chat_enabled: true,
    codex_agent_enabled: true,
    copilot_plan: 'individual_pro',
    endpoints: copilotEndpoints(ctx),
    organization_login_list: [],
    organization_list: [],
    quota_reset_date: resetDate,
    quota_reset_date_utc: premium.resetAt.toISOString(),
    token_based_billing: true,
    quota_snapshots: {
      premium_interactions: {
        quota_id: 'premium_interactions',
        entitlement: premium.entitlement,
        remaining: Math.floor(premium.remaining),
        quota_remaining: premium.remaining,
        percent_remaining: premium.percentRemaining,
        unlimited: false,
        overage_permitted: true,
        overage_count: premium.overageCount,
        timestamp_utc: timestamp,
      },
      chat: unlimitedSnapshot('chat', timestamp),
      completions: unlimitedSnapshot('completions', timestamp),
    },
  })
}
