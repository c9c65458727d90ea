import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MainWindow } from './main-window.tsx'
import { SignInFrame, SignInScreen } from './features/sign-in/sign-in-screen.tsx'
import type { AppStores } from './stores/app-stores.ts'
import { useAuth } from './stores/auth-store.ts'
import { StoresContext } from './stores/context.ts'
import {
  ConfigProblemBanner,
  ConnectionBanner,
  StorageProblemBanner,
} from './ui/connection-banner.tsx'
import { ErrorAlert } from './ui/error-alert.tsx'
import { Spinner } from './ui/spinner.tsx'

/** The whole renderer for one set of stores. */
export function App({ stores }: { stores: AppStores }) {
  return (
    <StoresContext value={stores}>
      <div className="app">
        <ConnectionBanner />
        <ConfigProblemBanner />
        <StorageProblemBanner />
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
      <SignInFrame>
        {loadError ? (
          <ErrorAlert error={loadError} onRetry={() => void load()} />
        ) : (
          <p role="status">
            <Spinner /> Starting LogAI…
          </p>
        )}
      </SignInFrame>
    )
  }
  if (auth.kind === 'signed_in') return <MainWindow auth={auth} />
  return <SignInScreen auth={auth} />
}

/** Shows the app in `root`; main.tsx loads this module as a chunk of its own, after asking. */
export function mountApp(root: HTMLElement, stores: AppStores): void {
  createRoot(root).render(
    <StrictMode>
      <App stores={stores} />
    </StrictMode>,
  )
}
