import { useRef } from 'react'
import { useAccount } from '../../stores/account-store.ts'
import { useAuth } from '../../stores/auth-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { ConnectionTestPanel, TestConnectionButton } from '../connection/connection-test-panel.tsx'
import { planLabel } from './describe-account.ts'
import { QuotaMeter } from './quota-meter.tsx'

type AccountPanelProps = {
  login: string
  /** The GitHub host signed in to; named only when it is not github.com. */
  host: string
}

/** Who is signed in, on which plan and with how much quota left, and the way out. */
export function AccountPanel({ login, host }: AccountPanelProps) {
  const busy = useAuth((s) => s.busy)
  const error = useAuth((s) => s.actionError)
  const signOut = useAuth((s) => s.signOut)
  const testButton = useRef<HTMLButtonElement>(null)
  return (
    <section className="account" aria-label="Account">
      <ErrorAlert error={error} />
      <div className="account-who">
        <p className="account-login">
          Signed in as <strong>{login}</strong>
        </p>
        {host !== 'github.com' ? <p className="account-host">{host}</p> : null}
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={() => void signOut()}
        disabled={busy === 'signOut'}
      >
        Sign out
      </button>
      <AccountPlan />
      <div className="account-actions">
        <TestConnectionButton ref={testButton} className="button button-small" />
      </div>
      <ConnectionTestPanel returnFocusTo={testButton} />
    </section>
  )
}

/** The plan and quota; a quiet retry when GitHub could not say, since chat works without it. */
function AccountPlan() {
  const status = useAccount((s) => s.status)
  const account = useAccount((s) => s.account)
  const load = useAccount((s) => s.load)

  if (!account) {
    if (status !== 'failed') return null
    return (
      <div className="account-plan account-plan-unavailable">
        <span>Plan unavailable</span>
        <button type="button" className="button button-small" onClick={() => void load()}>
          Retry
        </button>
      </div>
    )
  }
  if (!account.plan && !account.quota) return null
  return (
    <div className="account-plan">
      {account.plan ? <p className="account-plan-name">{planLabel(account.plan)}</p> : null}
      {account.quota ? <QuotaMeter quota={account.quota} resetDate={account.resetDate} /> : null}
    </div>
  )
}
