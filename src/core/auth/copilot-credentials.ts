import type { Clock, HttpFetch } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { exchangeCopilotToken, type CopilotToken } from './exchange-copilot-token.ts'

/** What a Copilot API call needs: the bearer and the base URL. */
export type CopilotAccess = { bearer: string; apiUrl: string }

/** Hands out valid Copilot credentials, exchanging and refreshing the token as needed. */
export type CopilotCredentials = {
  get(): Promise<CopilotAccess>
  /** Drops the cached token, e.g. after a 401, so the next `get` exchanges again. */
  invalidate(): void
  /** Stops refreshing in the background (sign-out). */
  dispose(): void
}

/**
 * `exchange` mode keeps the Copilot token in memory, refreshes it in the background when
 * `refresh_in` says so, and still re-checks it against the wall clock on every call (a laptop
 * that slept through the refresh never sends an expired token); concurrent callers share one
 * exchange (copilot-protocol.md §2.4). `direct` mode sends the GitHub token itself (§2.5).
 */
export function createCopilotCredentials(deps: {
  fetch: HttpFetch
  clock: Clock
  githubApiUrl: string
  githubToken: string
  profile: ClientProfile
  /** `LOGAI_COPILOT_API_URL`: wins over `endpoints.api`. */
  apiUrlOverride: string | undefined
}): CopilotCredentials {
  const { fetch, clock, githubApiUrl, githubToken, profile, apiUrlOverride } = deps
  let current: CopilotToken | undefined
  let inFlight: Promise<CopilotToken> | undefined
  let background: ReturnType<typeof setTimeout> | undefined

  function refresh(): Promise<CopilotToken> {
    inFlight ??= exchangeCopilotToken(fetch, clock, githubApiUrl, githubToken, profile)
      .then((token) => {
        current = token
        scheduleRefresh(token)
        return token
      })
      .finally(() => (inFlight = undefined))
    return inFlight
  }

  /**
   * So the person's next request does not wait for an exchange; a failure here is retried by it.
   * A plain timer, not the clock port: a test clock that skips ahead must not spin refreshes.
   */
  function scheduleRefresh(token: CopilotToken) {
    clearTimeout(background)
    const delay = token.refreshAt - clock.now()
    if (delay <= 0) return
    background = setTimeout(() => void refresh().catch(() => {}), delay)
    background.unref?.()
  }

  return {
    async get() {
      if (profile.authMode === 'direct') {
        return { bearer: githubToken, apiUrl: apiUrlOverride ?? 'https://api.githubcopilot.com' }
      }
      const token = current && clock.now() < current.refreshAt ? current : await refresh()
      return { bearer: token.token, apiUrl: apiUrlOverride ?? token.apiUrl }
    },
    invalidate() {
      current = undefined
    },
    dispose() {
      clearTimeout(background)
    },
  }
}
