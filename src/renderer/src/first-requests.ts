import type { AppStores } from './stores/app-stores.ts'
import type { SessionsStore } from './stores/sessions-store.ts'

/**
 * Asks for what the first screen needs: the sign-in state and, beside it rather than after it,
 * the sidebar's first page, so both come back in one round trip. Resolves once the screen can be
 * drawn whole: signed out, or signed in with the first page shown (or its failure known). When
 * the window turns out not to be signed in, the page is dropped: the history is shown to
 * signed-in windows only.
 */
export async function requestFirstScreen(
  stores: Pick<AppStores, 'auth' | 'sessions'>,
): Promise<void> {
  const signIn = stores.auth.getState().load()
  stores.sessions.getState().prefetch()
  await signIn
  if (stores.auth.getState().auth?.kind !== 'signed_in') stores.sessions.getState().reset()
  else await firstPageSettled(stores.sessions)
}

/** Resolves when the sessions list is no longer waiting for its first page. */
function firstPageSettled(sessions: SessionsStore): Promise<void> {
  const settled = () => sessions.getState().status !== 'loading'
  if (settled()) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = sessions.subscribe(() => {
      if (!settled()) return
      stop()
      resolve()
    })
  })
}

/**
 * Resolves with `promise`, or after `ms` if it is slower: the window is drawn once, with what the
 * first screen needs, unless the core takes long enough that "Starting LogAI…" is worth showing.
 */
export function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    const settle = () => {
      clearTimeout(timer)
      resolve()
    }
    promise.then(settle, settle)
  })
}
