import type { AuthState } from '../../shared/contract.ts'
import { AppFailure, toAppError } from '../../shared/errors.ts'
import type { Clock, HttpFetch, Log, SecretStore } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { createCopilotCredentials, type CopilotCredentials } from './copilot-credentials.ts'
import { runDeviceFlow } from './device-flow.ts'
import { enterpriseEndpoints, type GithubEndpoints } from './github-endpoints.ts'
import { fetchUserLogin } from './fetch-user.ts'

/** What sign-in needs: the ports, the client profile, the GitHub bases, and a state listener. */
export type AuthDeps = {
  fetch: HttpFetch
  clock: Clock
  log: Log
  secrets: SecretStore
  profile: ClientProfile
  /** github.com, or what `LOGAI_GITHUB_URL`/`LOGAI_GITHUB_API_URL` name. */
  github: GithubEndpoints
  copilotApiUrl: string | undefined
  onChange(state: AuthState): void
}

/** Sign-in: the device flow, the stored GitHub token, and Copilot credentials derived from it. */
export type AuthService = {
  state(): AuthState
  /** Signs in again from the keychain item left by an earlier run, if there is one. */
  restore(): Promise<void>
  /**
   * Starts a device flow (cancelling one in progress) on github.com or, given `enterpriseHost`, on
   * that GHE.com tenant; progress arrives through `onChange`. Throws `invalid_input` for a host
   * that is not a tenant.
   */
  start(enterpriseHost?: string): void
  cancel(): void
  signOut(): Promise<void>
  /** After sleep or a clock jump: fetch a fresh Copilot token now if this one is stale. */
  resume(): void
  /** Stops sign-in and background refreshes, keeping the sign-in stored (shutdown). */
  dispose(): void
  /** Copilot credentials for the signed-in account; throws `unauthorized` when signed out. */
  credentials(): CopilotCredentials
  /** The signed-in account's GitHub token and REST base, for calls to GitHub itself. */
  github(): GithubAccess
  /** The GitHub in use: the signed-in account's, else the configured one. */
  endpoints(): GithubEndpoints
  /**
   * The token behind `credentials` was refused: end the session and ask the person to sign in
   * again. `forget` also deletes the keychain item (GitHub itself refused it). Does nothing when
   * those credentials are no longer the signed-in ones.
   */
  revoke(credentials: CopilotCredentials, reason: string, forget: boolean): Promise<void>
}

/** What a call to the signed-in account's GitHub needs. Never leaves the core. */
export type GithubAccess = { login: string; host: string; apiUrl: string; token: string }

type Session = {
  account: string
  endpoints: GithubEndpoints
  access: GithubAccess
  credentials: CopilotCredentials
}

/** Creates the sign-in service; it starts signed out until `restore` finds a saved token. */
export function createAuthService(deps: AuthDeps): AuthService {
  const { secrets, log } = deps
  let state: AuthState = { kind: 'signed_out' }
  let flow: AbortController | undefined
  let session: Session | undefined

  function setState(next: AuthState) {
    state = next
    deps.onChange(next)
  }

  function sessionFor(endpoints: GithubEndpoints, login: string, token: string): Session {
    const access = { login, host: endpoints.host, apiUrl: endpoints.apiUrl, token }
    const credentials = createCopilotCredentials({
      fetch: deps.fetch,
      clock: deps.clock,
      githubApiUrl: endpoints.apiUrl,
      githubToken: token,
      profile: deps.profile,
      apiUrlOverride: deps.copilotApiUrl,
    })
    return { account: `${endpoints.host}/${login}`, endpoints, access, credentials }
  }

  function signedInSession(): Session {
    if (!session) {
      throw new AppFailure({ kind: 'unauthorized', message: 'Sign in with GitHub first.' })
    }
    return session
  }

  /** The endpoints of a host found in the keychain: the configured one, or a GHE.com tenant. */
  function endpointsOfHost(host: string): GithubEndpoints | undefined {
    if (host === deps.github.host) return deps.github
    try {
      return enterpriseEndpoints(host)
    } catch {
      return undefined
    }
  }

  async function complete(endpoints: GithubEndpoints, githubToken: string, signal: AbortSignal) {
    setState({ kind: 'completing' })
    const login = await fetchUserLogin(
      deps.fetch,
      endpoints.apiUrl,
      githubToken,
      deps.profile,
      signal,
    )
    const next = sessionFor(endpoints, login, githubToken)
    // Exchange once now, so "no Copilot access" is said at sign-in instead of at the first message.
    await next.credentials.get()
    if (signal.aborted) return
    let storageWarning: string | undefined
    try {
      await secrets.set(next.account, githubToken)
      // A Cancel while the keychain was busy wins: take the item back out.
      if (signal.aborted) return void (await secrets.delete(next.account))
      await removeOtherAccounts(next.account, endpoints.host)
    } catch (thrown) {
      if (signal.aborted) return
      storageWarning = `${toAppError(thrown).message} You are signed in for this run only.`
      log.warn('keychain unavailable; token kept in memory for this run')
    }
    session?.credentials.dispose()
    session = next
    setState({
      kind: 'signed_in',
      login,
      host: endpoints.host,
      storage: storageWarning ? 'memory' : secrets.kind,
      ...(storageWarning ? { storageWarning } : {}),
    })
  }

  /** One signed-in account per host: a new sign-in replaces the old item. */
  async function removeOtherAccounts(keep: string, host: string) {
    for (const account of await secrets.accounts()) {
      if (account !== keep && account.startsWith(`${host}/`)) await secrets.delete(account)
    }
  }

  return {
    state: () => state,

    async restore() {
      try {
        // The configured GitHub first, then any GHE.com tenant signed in earlier.
        const accounts = (await secrets.accounts()).sort(
          (a, b) =>
            Number(b.startsWith(`${deps.github.host}/`)) -
            Number(a.startsWith(`${deps.github.host}/`)),
        )
        for (const account of accounts) {
          const slash = account.lastIndexOf('/')
          // Other secrets of LogAI's (the local API key) are not `host/login` sign-ins.
          if (slash === -1) continue
          const endpoints = endpointsOfHost(account.slice(0, slash))
          const token = endpoints ? await secrets.get(account) : null
          if (!endpoints || !token) continue
          const login = account.slice(slash + 1)
          session = sessionFor(endpoints, login, token)
          setState({ kind: 'signed_in', login, host: endpoints.host, storage: secrets.kind })
          return
        }
      } catch (thrown) {
        // No usable keychain: nothing to restore. Signing in still works, and says why the
        // token cannot be kept.
        log.warn('could not read the keychain', { reason: toAppError(thrown).message })
      }
    },

    start(enterpriseHost) {
      const endpoints = enterpriseHost ? enterpriseEndpoints(enterpriseHost) : deps.github
      flow?.abort()
      const controller = new AbortController()
      flow = controller
      setState({ kind: 'requesting_code' })
      const flowDeps = { ...deps, githubUrl: endpoints.webUrl }
      runDeviceFlow(flowDeps, controller.signal, (progress) => {
        if (controller.signal.aborted) return
        setState({
          kind: 'awaiting_user',
          userCode: progress.code.userCode,
          verificationUri: progress.code.verificationUri,
          expiresAt: progress.expiresAt,
          intervalMs: progress.intervalMs,
          polling: progress.polling,
        })
      })
        .then((githubToken) => complete(endpoints, githubToken, controller.signal))
        .catch((thrown: unknown) => {
          if (controller.signal.aborted) return
          const error = toAppError(thrown)
          if (error.kind === 'internal') log.error('sign-in failed', { error: String(thrown) })
          setState({ kind: 'signed_out', error })
        })
        .finally(() => {
          if (flow === controller) flow = undefined
        })
    },

    cancel() {
      if (!flow) return
      flow.abort()
      flow = undefined
      setState({ kind: 'signed_out' })
    },

    async signOut() {
      flow?.abort()
      flow = undefined
      const account = session?.account
      session?.credentials.dispose()
      session = undefined
      setState({ kind: 'signed_out' })
      if (account) await secrets.delete(account).catch(() => false)
    },

    credentials: () => signedInSession().credentials,

    endpoints: () => session?.endpoints ?? deps.github,

    resume() {
      // Failures surface on the next request, which retries the exchange itself.
      session?.credentials.get().catch(() => {})
    },

    dispose() {
      flow?.abort()
      flow = undefined
      session?.credentials.dispose()
    },

    github: () => signedInSession().access,

    async revoke(credentials, reason, forget) {
      if (session?.credentials !== credentials) return
      const account = session.account
      credentials.dispose()
      session = undefined
      setState({ kind: 'signed_out', error: { kind: 'unauthorized', message: reason } })
      if (forget) await secrets.delete(account).catch(() => false)
    },
  }
}
