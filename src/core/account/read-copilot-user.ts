import { z } from 'zod'
import type { Account, Quota } from '../../shared/contract.ts'

const number = z.coerce.number().catch(0)

const snapshotSchema = z.object({
  quota_id: z.string().nullish().catch(undefined),
  entitlement: number,
  remaining: number,
  quota_remaining: z.coerce.number().nullish().catch(undefined),
  percent_remaining: number,
  unlimited: z.boolean().catch(false),
  overage_permitted: z.boolean().catch(false),
})

/** `GET /copilot_internal/user` (copilot-protocol.md §3), as far as the account panel needs it. */
const copilotUserSchema = z.object({
  copilot_plan: z.string().nullish().catch(undefined),
  quota_reset_date: z.string().nullish().catch(undefined),
  quota_snapshots: z
    .record(z.string(), snapshotSchema.nullish().catch(undefined))
    .nullish()
    .catch(undefined),
  // Free plans (§3): remaining and monthly entitlements instead of snapshots.
  limited_user_quotas: z.object({ chat: number }).nullish().catch(undefined),
  monthly_quotas: z.object({ chat: number }).nullish().catch(undefined),
  limited_user_reset_date: z.union([z.string(), z.number()]).nullish().catch(undefined),
})

/** Turns the `/copilot_internal/user` answer into the account the panel shows. */
export function readCopilotUser(body: unknown, login: string, host: string): Account {
  const user = copilotUserSchema.safeParse(body ?? {})
  const data = user.success ? user.data : {}
  return {
    login,
    host,
    plan: data.copilot_plan ?? null,
    quota: quotaOf(data),
    resetDate: resetDateOf(data),
  }
}

function quotaOf(data: z.infer<typeof copilotUserSchema>): Quota | null {
  const snapshots = data.quota_snapshots ?? {}
  const snapshot = snapshots.premium_interactions ?? snapshots.premium_models ?? snapshots.chat
  if (snapshot) {
    return {
      id: snapshot.quota_id ?? 'premium_interactions',
      unlimited: snapshot.unlimited,
      entitlement: snapshot.entitlement,
      // Quotas are fractional with multiplier models (§3): prefer the precise figure.
      remaining: snapshot.quota_remaining ?? snapshot.remaining,
      percentRemaining: snapshot.percent_remaining,
      overagePermitted: snapshot.overage_permitted,
    }
  }
  if (data.limited_user_quotas && data.monthly_quotas) {
    const entitlement = data.monthly_quotas.chat
    const remaining = data.limited_user_quotas.chat
    return {
      id: 'chat',
      unlimited: false,
      entitlement,
      remaining,
      percentRemaining: entitlement > 0 ? (remaining / entitlement) * 100 : 0,
      overagePermitted: false,
    }
  }
  return null
}

function resetDateOf(data: z.infer<typeof copilotUserSchema>): string | null {
  if (data.quota_reset_date) return data.quota_reset_date
  const free = data.limited_user_reset_date
  if (typeof free === 'number') return new Date(free * 1000).toISOString()
  return free ?? null
}

/**
 * Applies a quota header from a Copilot answer (§11.3): `ent` entitlement (-1 unlimited), `rem`
 * percent remaining, `ovPerm`, `rst` reset date. Returns the account unchanged when absent.
 */
export function applyQuotaHeaders(account: Account, headers: Headers): Account {
  const name = ['premium_interactions', 'premium_models', 'chat'].find((id) =>
    headers.has(`x-quota-snapshot-${id}`),
  )
  if (!name) return account
  const fields = new URLSearchParams(headers.get(`x-quota-snapshot-${name}`) ?? '')
  const entitlement = Number(fields.get('ent'))
  const percent = Number(fields.get('rem'))
  if (!Number.isFinite(entitlement) || !Number.isFinite(percent)) return account
  const unlimited = entitlement === -1
  return {
    ...account,
    quota: {
      id: name,
      unlimited,
      entitlement: unlimited ? 0 : entitlement,
      remaining: unlimited ? 0 : (entitlement * percent) / 100,
      percentRemaining: percent,
      overagePermitted: fields.get('ovPerm') === 'true',
    },
    resetDate: fields.get('rst') ?? account.resetDate,
  }
}
