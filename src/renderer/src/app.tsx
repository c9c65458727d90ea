import { MainWindow } from './main-window.tsx'
import { SignInScreen } from './features/sign-in/sign-in-screen.tsx'
import type { AppStores } from './stores/app-stores.ts'
import { useAuth } from './stores/auth-store.ts'
import { StoresContext } from './stores/context.ts'
import { ConnectionBanner } from './ui/connection-banner.tsx'
import { ErrorAlert } from './ui/error-alert.tsx'
import { Spinner } from './ui/spinner.tsx'

/** The whole renderer for one set of stores. */
export function App({ stores }: { stores: AppStores }) {
  return (
    <StoresContext value={stores}>
      <div className="app">
        <ConnectionBanner />
        <Screen />
      </div>
    </StoresContext>
  )
}

function Screen() {
  const auth = useAuth((s) => s.auth)
  const loadError = useAuth((s) => s.loadError)
  const load = useAuth((s) => s.load)

  if (auth === null) {
    return (
      <main className="sign-in">
        <div className="sign-in-inner">
          <h1 className="brand">LogAI</h1>
          {loadError ? (
            <ErrorAlert error={loadError}>
              <button type="button" className="button button-small" onClick={() => void load()}>
                Retry
              </button>
            </ErrorAlert>
          ) : (
            <p role="status">
              <Spinner /> Starting LogAI…
            </p>
          )}
        </div>
      </main>
    )
  }
  if (auth.kind === 'signed_in') return <MainWindow auth={auth} />
  return <SignInScreen auth={auth} />
}
