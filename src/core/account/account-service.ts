import type { Account, EventName, EventPayload } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import type { AuthService } from '../auth/auth-service.ts'
import { githubApiHeaders, type ClientProfile } from '../auth/client-profile.ts'
import { fetchOrFail, readJson, upstreamError } from '../http.ts'
import type { HttpFetch } from '../ports.ts'
import { applyQuotaHeaders, readCopilotUser } from './read-copilot-user.ts'

/** The signed-in account's plan and quota, kept current from GitHub and from answer headers. */
export type AccountService = {
  get(): Promise<Account>
  /** Reads the quota headers of a Copilot answer (§11.3) and announces the change. */
  observe(headers: Headers): void
  /** Forgets the cached account (sign-out). */
  clear(): void
}

/** Creates the account service; nothing is fetched until `get` is called. */
export function createAccountService(deps: {
  fetch: HttpFetch
  auth: AuthService
  profile: ClientProfile
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}): AccountService {
  let current: Account | undefined
  return {
    async get() {
      const github = deps.auth.github()
      const response = await fetchOrFail(
        deps.fetch,
        `${github.apiUrl}/copilot_internal/user`,
        { headers: githubApiHeaders(github.token, deps.profile) },
        'GitHub',
      )
      if (!response.ok) {
        throw new AppFailure(
          upstreamError(response, `GitHub did not share your plan (HTTP ${response.status}).`),
        )
      }
      current = readCopilotUser(await readJson(response), github.login, github.host)
      return current
    },
    observe(headers) {
      if (!current) return
      const next = applyQuotaHeaders(current, headers)
      if (next === current) return
      current = next
      deps.emit('account:changed', next)
    },
    clear() {
      current = undefined
    },
  }
}
