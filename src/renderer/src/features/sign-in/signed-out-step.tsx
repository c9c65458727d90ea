import { useEffect, useRef, useState } from 'react'
import type { AppError } from '../../../../shared/errors.ts'
import { useAuth } from '../../stores/auth-store.ts'
import { ConnectionTestPanel, TestConnectionButton } from '../connection/connection-test-panel.tsx'
import { describeProblem, safePlansUrl } from './describe-problem.ts'
import { EnterpriseForm } from './enterprise-form.tsx'

type SignedOutStepProps = {
  /** Why the last sign-in ended, when it ended badly. */
  error: AppError | null
}

/** The start: why the last attempt ended and what to do about it, or the ways to sign in. */
export function SignedOutStep({ error }: SignedOutStepProps) {
  const [isEnterpriseOpen, setEnterpriseOpen] = useState(false)
  const enterpriseButton = useRef<HTMLButtonElement>(null)
  const testButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  const busy = useAuth((s) => s.busy)
  const actionError = useAuth((s) => s.actionError)
  const enterpriseHost = useAuth((s) => s.enterpriseHost ?? s.suggestedEnterpriseHost)
  const start = useAuth((s) => s.start)
  const retry = useAuth((s) => s.retry)
  const clearActionError = useAuth((s) => s.clearActionError)

  useEffect(() => {
    if (isEnterpriseOpen || !returnFocus.current) return
    returnFocus.current = false
    enterpriseButton.current?.focus()
  }, [isEnterpriseOpen])

  if (isEnterpriseOpen) {
    return (
      <EnterpriseForm
        initialHost={enterpriseHost ?? ''}
        onBack={() => {
          clearActionError()
          returnFocus.current = true
          setEnterpriseOpen(false)
        }}
      />
    )
  }

  const shown = actionError ?? error
  const problem = describeProblem(shown)
  const plansUrl = shown ? safePlansUrl(shown) : null
  const isStarting = busy === 'start'
  // Where the network may be to blame, testing it is a next step of its own.
  const isNetworkProblem = shown?.kind === 'network' || shown?.kind === 'upstream'

  return (
    <div className="sign-in-step">
      {problem && shown ? (
        <div className="sign-in-problem" role="alert">
          <h2>{problem.title}</h2>
          <p>{shown.message}</p>
          {plansUrl ? (
            <p>
              <a href={plansUrl} target="_blank" rel="noopener noreferrer">
                See Copilot plans
              </a>
            </p>
          ) : null}
          {problem.action === 'another_account' ? (
            <p className="hint">
              To use another account, switch accounts on GitHub in your browser first.
            </p>
          ) : null}
        </div>
      ) : null}
      <button
        type="button"
        className="button button-primary button-large"
        // Every next step starts over on the host tried last (github.com or the tenant).
        onClick={() => void (problem ? retry() : start())}
        disabled={isStarting}
      >
        {problem ? problem.actionLabel : 'Sign in with GitHub'}
      </button>
      <div className="sign-in-alternatives">
        {problem && isNetworkProblem ? (
          <TestConnectionButton ref={testButton} className="button" />
        ) : null}
        {problem && problem.action !== 'sign_in' ? (
          <button
            type="button"
            className="button"
            onClick={() => void start()}
            disabled={isStarting}
          >
            Sign in with GitHub
          </button>
        ) : null}
        <button
          ref={enterpriseButton}
          type="button"
          className="button"
          onClick={() => {
            clearActionError()
            setEnterpriseOpen(true)
          }}
        >
          Use GitHub Enterprise (ghe.com)
        </button>
      </div>
      {problem ? null : <TestConnectionButton ref={testButton} className="button-link" />}
      <ConnectionTestPanel returnFocusTo={testButton} />
    </div>
  )
}
