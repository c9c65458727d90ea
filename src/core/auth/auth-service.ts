import type { AuthState } from '../../shared/contract.ts'
import { AppFailure, toAppError } from '../../shared/errors.ts'
import type { Clock, HttpFetch, Log, SecretStore } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { createCopilotCredentials, type CopilotCredentials } from './copilot-credentials.ts'
import { runDeviceFlow } from './device-flow.ts'
import { fetchUserLogin } from './fetch-user.ts'

/** What sign-in needs: the ports, the client profile, the GitHub bases, and a state listener. */
export type AuthDeps = {
  fetch: HttpFetch
  clock: Clock
  log: Log
  secrets: SecretStore
  profile: ClientProfile
  githubUrl: string
  githubApiUrl: string
  copilotApiUrl: string | undefined
  onChange(state: AuthState): void
}

/** Sign-in: the device flow, the stored GitHub token, and Copilot credentials derived from it. */
export type AuthService = {
  state(): AuthState
  /** Signs in again from the keychain item left by an earlier run, if there is one. */
  restore(): Promise<void>
  /** Starts a device flow (cancelling one in progress); progress arrives through `onChange`. */
  start(): void
  cancel(): void
  signOut(): Promise<void>
  /** Copilot credentials for the signed-in account; throws `unauthorized` when signed out. */
  credentials(): CopilotCredentials
  /**
   * GitHub refused the token behind `credentials`: forget it and ask the person to sign in again.
   * Does nothing when those credentials are no longer the signed-in ones.
   */
  revoke(credentials: CopilotCredentials, reason: string): Promise<void>
}

/** Creates the sign-in service; it starts signed out until `restore` finds a saved token. */
export function createAuthService(deps: AuthDeps): AuthService {
  const { secrets, log } = deps
  const host = new URL(deps.githubUrl).host
  let state: AuthState = { kind: 'signed_out' }
  let flow: AbortController | undefined
  let session: { account: string; credentials: CopilotCredentials } | undefined

  function setState(next: AuthState) {
    state = next
    deps.onChange(next)
  }

  function credentialsFor(githubToken: string): CopilotCredentials {
    return createCopilotCredentials({
      fetch: deps.fetch,
      clock: deps.clock,
      githubApiUrl: deps.githubApiUrl,
      githubToken,
      profile: deps.profile,
      apiUrlOverride: deps.copilotApiUrl,
    })
  }

  async function complete(githubToken: string, signal: AbortSignal) {
    setState({ kind: 'completing' })
    const login = await fetchUserLogin(
      deps.fetch,
      deps.githubApiUrl,
      githubToken,
      deps.profile,
      signal,
    )
    const credentials = credentialsFor(githubToken)
    // Exchange once now, so "no Copilot access" is said at sign-in instead of at the first message.
    await credentials.get()
    if (signal.aborted) return
    const account = `${host}/${login}`
    let storageWarning: string | undefined
    try {
      await secrets.set(account, githubToken)
      // A Cancel while the keychain was busy wins: take the item back out.
      if (signal.aborted) return void (await secrets.delete(account))
      await removeOtherAccounts(account)
    } catch (thrown) {
      if (signal.aborted) return
      storageWarning = `${toAppError(thrown).message} You are signed in for this run only.`
      log.warn('keychain unavailable; token kept in memory for this run')
    }
    session = { account, credentials }
    setState({
      kind: 'signed_in',
      login,
      host,
      storage: storageWarning ? 'memory' : secrets.kind,
      ...(storageWarning ? { storageWarning } : {}),
    })
  }

  async function removeOtherAccounts(keep: string) {
    for (const account of await secrets.accounts()) {
      if (account !== keep && account.startsWith(`${host}/`)) await secrets.delete(account)
    }
  }

  return {
    state: () => state,

    async restore() {
      try {
        const account = (await secrets.accounts()).find((a) => a.startsWith(`${host}/`))
        const token = account ? await secrets.get(account) : null
        if (!account || !token) return
        session = { account, credentials: credentialsFor(token) }
        setState({
          kind: 'signed_in',
          login: account.slice(host.length + 1),
          host,
          storage: secrets.kind,
        })
      } catch (thrown) {
        // No usable keychain: nothing to restore. Signing in still works, and says why the
        // token cannot be kept.
        log.warn('could not read the keychain', { reason: toAppError(thrown).message })
      }
    },

    start() {
      flow?.abort()
      const controller = new AbortController()
      flow = controller
      setState({ kind: 'requesting_code' })
      runDeviceFlow(deps, controller.signal, (code, expiresAt, intervalMs) => {
        if (controller.signal.aborted) return
        setState({
          kind: 'awaiting_user',
          userCode: code.userCode,
          verificationUri: code.verificationUri,
          expiresAt,
          intervalMs,
        })
      })
        .then((githubToken) => complete(githubToken, controller.signal))
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
      session = undefined
      setState({ kind: 'signed_out' })
      if (account) await secrets.delete(account).catch(() => false)
    },

    credentials() {
      if (!session) {
        throw new AppFailure({ kind: 'unauthorized', message: 'Sign in with GitHub first.' })
      }
      return session.credentials
    },

    async revoke(credentials, reason) {
      if (session?.credentials !== credentials) return
      const account = session.account
      session = undefined
      setState({ kind: 'signed_out', error: { kind: 'unauthorized', message: reason } })
      if (account) await secrets.delete(account).catch(() => false)
    },
  }
}
