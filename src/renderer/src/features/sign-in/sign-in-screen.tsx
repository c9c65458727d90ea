import type { AuthState } from '../../../../shared/contract.ts'
import { assertNever } from '../../../../shared/errors.ts'
import { useAuth } from '../../stores/auth-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import { DeviceCodeCard } from './device-code-card.tsx'

type SignInScreenProps = { auth: Exclude<AuthState, { kind: 'signed_in' }> }

/** Everything before the main window: the welcome, the device code, and the steps between. */
export function SignInScreen({ auth }: SignInScreenProps) {
  return (
    <main className="sign-in">
      <div className="sign-in-inner">
        <h1 className="brand">LogAI</h1>
        <p className="tagline">Chat with every GitHub Copilot model, outside the editor.</p>
        <SignInStep auth={auth} />
      </div>
    </main>
  )
}

function SignInStep({ auth }: SignInScreenProps) {
  const busy = useAuth((s) => s.busy)
  const actionError = useAuth((s) => s.actionError)
  const start = useAuth((s) => s.start)
  const cancel = useAuth((s) => s.cancel)

  switch (auth.kind) {
    case 'signed_out':
      return (
        <div className="sign-in-step">
          <ErrorAlert error={actionError ?? auth.error ?? null} />
          <button
            type="button"
            className="button button-primary button-large"
            onClick={() => void start()}
            disabled={busy === 'start'}
          >
            Sign in with GitHub
          </button>
        </div>
      )
    case 'requesting_code':
      return (
        <div className="sign-in-step">
          <p role="status">
            <Spinner /> Asking GitHub for a code…
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
    case 'awaiting_user':
      return (
        <DeviceCodeCard
          userCode={auth.userCode}
          verificationUri={auth.verificationUri}
          expiresAt={auth.expiresAt}
          onCancel={() => void cancel()}
          cancelling={busy === 'cancel'}
          error={actionError}
        />
      )
    case 'completing':
      return (
        <div className="sign-in-step">
          <p role="status">
            <Spinner /> Signing in…
          </p>
        </div>
      )
    default:
      return assertNever(auth)
  }
}
