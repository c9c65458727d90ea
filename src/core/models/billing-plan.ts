/**
 * The account's plan as `/models` names plans in `billing.restricted_to` (copilot-protocol.md
 * §6.1: `free`, `edu`, `pro`, `pro_plus`, `individual_trial`, `business`, `enterprise`, `max`),
 * from the `copilot_plan` of `/copilot_internal/user` (§3: `free`, `individual`,
 * `individual_pro`, `business`, `enterprise`). `individual_pro` is Copilot Pro+ (its sku is
 * `plus_monthly_subscriber_quota`), plain `individual` is Pro. A value that already is a
 * billing plan passes through. Null when the plan is unknown: then no model is marked
 * restricted, since the service still refuses what the plan lacks, with a message (§11.1).
 */
export function billingPlanOf(copilotPlan: string | null): string | null {
  if (!copilotPlan) return null
  const plan = copilotPlan.toLowerCase()
  return copilotPlans[plan] ?? (plan in planNames ? plan : null)
}

const copilotPlans: Record<string, string> = {
  free: 'free',
  individual: 'pro',
  individual_pro: 'pro_plus',
  business: 'business',
  enterprise: 'enterprise',
}

/** How GitHub names each billing plan to people, in the order plans are usually listed. */
const planNames: Record<string, string> = {
  free: 'Free',
  edu: 'Student',
  individual_trial: 'Pro trial',
  pro: 'Pro',
  pro_plus: 'Pro+',
  business: 'Business',
  enterprise: 'Enterprise',
  max: 'Max',
}

/**
 * Why a model with this `restricted_to` list cannot be used on `plan`, e.g. "Needs Copilot
 * Pro+ or Business"; null when it can (no list, the plan is on it, or the plan is unknown).
 */
export function planRestriction(
  restrictedTo: readonly string[] | undefined,
  plan: string | null,
): string | null {
  if (!restrictedTo || restrictedTo.length === 0 || plan === null) return null
  const allowed = restrictedTo.map((p) => p.toLowerCase())
  if (allowed.includes(plan)) return null
  const order = Object.keys(planNames)
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length)
  const names = [...new Set(allowed)]
    .sort((a, b) => rank(a) - rank(b))
    .map((p) => planNames[p] ?? p)
  return `Needs Copilot ${joinOr(names)}`
}

function joinOr(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}
