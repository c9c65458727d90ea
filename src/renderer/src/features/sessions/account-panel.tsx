import { useAuth } from '../../stores/auth-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'

/** Who is signed in, and the way out. */
export function AccountPanel({ login }: { login: string }) {
  const busy = useAuth((s) => s.busy)
  const error = useAuth((s) => s.actionError)
  const signOut = useAuth((s) => s.signOut)
  return (
    <div className="account">
      <ErrorAlert error={error} />
      <p className="account-login">
        Signed in as <strong>{login}</strong>
      </p>
      <button
        type="button"
        className="button button-small"
        onClick={() => void signOut()}
        disabled={busy === 'signOut'}
      >
        Sign out
      </button>
    </div>
  )
}
