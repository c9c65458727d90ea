import type { AppStores } from './stores/app-stores.ts'

/**
 * Asks for what the first screen needs: the sign-in state and, beside it rather than after it,
 * the sidebar's first page, so both come back in one round trip. When the window turns out not
 * to be signed in, the page is dropped: the history is shown to signed-in windows only.
 */
export async function requestFirstScreen(
  stores: Pick<AppStores, 'auth' | 'sessions'>,
): Promise<void> {
  const signIn = stores.auth.getState().load()
  stores.sessions.getState().prefetch()
  await signIn
  if (stores.auth.getState().auth?.kind !== 'signed_in') stores.sessions.getState().reset()
}
