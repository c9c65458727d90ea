import type { Quota } from '../../../../shared/contract.ts'
import { describeQuota, formatResetDate, quotaNoun } from './describe-account.ts'

type QuotaMeterProps = {
  quota: Quota
  resetDate: string | null
}

const lowPercent = 10

/** What is left of a quota, as a sentence and a bar, and when it starts again. */
export function QuotaMeter({ quota, resetDate }: QuotaMeterProps) {
  const text = describeQuota(quota)
  const reset = resetDate ? formatResetDate(resetDate) : null
  const counted = !quota.unlimited && quota.entitlement > 0
  const noun = quotaNoun(quota)
  const remaining = Math.min(Math.max(0, quota.remaining), quota.entitlement)
  const percent = Math.min(Math.max(0, quota.percentRemaining), 100)

  return (
    <div className="quota">
      <p className="quota-text">{text}</p>
      {counted ? (
        <div
          className="quota-bar"
          role="progressbar"
          aria-label={`${noun[0]?.toUpperCase()}${noun.slice(1)} left`}
          aria-valuemin={0}
          aria-valuemax={quota.entitlement}
          aria-valuenow={remaining}
          aria-valuetext={text}
          data-low={percent <= lowPercent ? '' : undefined}
        >
          <div className="quota-bar-fill" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {reset && !quota.unlimited ? <p className="quota-reset">Resets {reset}</p> : null}
    </div>
  )
}
