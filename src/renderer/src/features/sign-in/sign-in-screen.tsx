import type { ReactNode } from 'react'
import type { AuthState } from '../../../../shared/contract.ts'
import { assertNever } from '../../../../shared/errors.ts'
import { useAuth } from '../../stores/auth-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import { DeviceCodeCard } from './device-code-card.tsx'
import { SignedOutStep } from './signed-out-step.tsx'

type SignInScreenProps = { auth: Exclude<AuthState, { kind: 'signed_in' }> }

/** The page around everything before the main window, also shown while LogAI starts. */
export function SignInFrame({ children }: { children: ReactNode }) {
  return (
    <main className="sign-in">
      <div className="sign-in-inner">
        <h1 className="brand">LogAI</h1>
        {children}
      </div>
    </main>
  )
}

/** Everything before the main window: the welcome, the device code, and the steps between. */
export function SignInScreen({ auth }: SignInScreenProps) {
  return (
    <SignInFrame>
      <p className="tagline">Chat with every GitHub Copilot model, outside the editor.</p>
      <SignInStep auth={auth} />
    </SignInFrame>
  )
}

function SignInStep({ auth }: SignInScreenProps) {
  const busy = useAuth((s) => s.busy)
  const actionError = useAuth((s) => s.actionError)
  const retry = useAuth((s) => s.retry)
  const cancel = useAuth((s) => s.cancel)

  const waiting = (label: string) => (
    <div className="sign-in-step">
      <p role="status">
        <Spinner /> {label}
      </p>
      <ErrorAlert error={actionError} />
      <button
        type="button"
        className="button"
        onClick={() => void cancel()}
        disabled={busy === 'cancel'}
      >
        Cancel
      </button>
    </div>
  )

  switch (auth.kind) {
    case 'signed_out':
      return <SignedOutStep error={auth.error ?? null} />
    case 'requesting_code':
      return waiting('Asking GitHub for a code…')
    case 'awaiting_user':
      return (
        <DeviceCodeCard
          userCode={auth.userCode}
          verificationUri={auth.verificationUri}
          expiresAt={auth.expiresAt}
          intervalMs={auth.intervalMs}
          polling={auth.polling}
          onCancel={() => void cancel()}
          cancelling={busy === 'cancel'}
          onNewCode={() => void retry()}
          starting={busy === 'start'}
          error={actionError}
        />
      )
    case 'completing':
      return waiting('Signing in…')
    default:
      return assertNever(auth)
  }
}
