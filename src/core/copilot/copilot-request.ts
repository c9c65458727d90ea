import { randomUUID } from 'node:crypto'
import { AppFailure, type AppError } from '../../shared/errors.ts'
import type { AuthService } from '../auth/auth-service.ts'
import type { CopilotCredentials } from '../auth/copilot-credentials.ts'
import { editorHeaders, type ClientProfile } from '../auth/client-profile.ts'
import { fetchOrFail, readJson, retryAfterMs, upstreamError } from '../http.ts'
import type { Clock, HttpFetch } from '../ports.ts'

/** What every Copilot API call needs. */
export type CopilotDeps = {
  fetch: HttpFetch
  clock: Clock
  auth: AuthService
  profile: ClientProfile
  /** One id per app run, sent as `X-Interaction-Id`. */
  interactionId: string
  /** Sees every answer's headers (quota snapshots, §11.3). */
  observeResponse?: (response: Response) => void
}

/** One Copilot API call: where, what, and how it is billed. */
export type CopilotRequest = {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** `OpenAI-Intent` (§5.2). */
  intent: string
  /** A streamed answer: no overall time limit (Stop ends it). */
  stream?: boolean
  /** Billing (§5.3): `user` only for the request a person's Send started. */
  initiator?: 'user' | 'agent'
  signal?: AbortSignal
}

/**
 * Sends one request to the Copilot API with the headers it demands (copilot-protocol.md §5.2),
 * at the base URL the token exchange named. A 401 drops the Copilot token and retries once with a
 * new one (§2.4); a second 401 ends the session. Only a 401 from the exchange itself means the
 * GitHub token is no good and deletes it.
 */
export async function copilotFetch(deps: CopilotDeps, request: CopilotRequest): Promise<Response> {
  const credentials = deps.auth.credentials()
  for (let attempt = 1; ; attempt++) {
    const access = await getOrRevoke(deps.auth, credentials)
    const response = await fetchOrFail(
      deps.fetch,
      `${access.apiUrl}${request.path}`,
      {
        method: request.method,
        headers: {
          Authorization: `Bearer ${access.bearer}`,
          Accept: request.stream ? 'text/event-stream' : 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...editorHeaders(deps.profile),
          'X-GitHub-Api-Version': deps.profile.copilotApiVersion,
          'OpenAI-Intent': request.intent,
          'X-Request-Id': randomUUID(),
          'X-Interaction-Id': deps.interactionId,
          ...(request.initiator ? { 'X-Initiator': request.initiator } : {}),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal ? { signal: request.signal } : {}),
      },
      'GitHub Copilot',
      request.stream ? null : undefined,
    )
    deps.observeResponse?.(response)
    if (response.status !== 401) return response
    await response.body?.cancel()
    credentials.invalidate()
    if (attempt >= 2) {
      // §2.4: one refresh and one retry, then stop: no loop. The GitHub token may still be good
      // (the exchange just worked), so the keychain item stays; signing in again replaces it.
      const message = 'GitHub Copilot did not accept your sign-in twice in a row. Sign in again.'
      await deps.auth.revoke(credentials, message, false)
      throw new AppFailure({ kind: 'unauthorized', message })
    }
  }
}

async function getOrRevoke(auth: AuthService, credentials: CopilotCredentials) {
  try {
    return await credentials.get()
  } catch (thrown) {
    // §2.3: a 401 from the token exchange means GitHub no longer accepts the GitHub token.
    if (thrown instanceof AppFailure && thrown.error.kind === 'unauthorized') {
      await auth.revoke(credentials, thrown.error.message, true)
    }
    throw thrown
  }
}

/** Turns a failed Copilot response into an error a person can act on (copilot-protocol.md §11.1). */
export async function copilotError(response: Response, now: number): Promise<AppError> {
  const body = await readJson(response)
  const inner =
    body &&
    typeof body === 'object' &&
    'error' in body &&
    body.error &&
    typeof body.error === 'object'
      ? (body.error as Record<string, unknown>)
      : ((body ?? {}) as Record<string, unknown>)
  const code = typeof inner.code === 'string' ? inner.code : ''
  const detail = typeof inner.message === 'string' ? inner.message : ''
  const status = response.status
  if (status === 429) {
    const waitMs = retryAfterMs(response, now) ?? 60_000
    const until = new Date(now + waitMs).toLocaleTimeString()
    return {
      kind: 'rate_limited',
      retryAfterMs: waitMs,
      message: `${detail || 'Copilot is rate limiting requests.'} Try again after ${until}.`,
    }
  }
  if (status === 400 && (code === 'model_not_supported' || code === 'unsupported_api_for_model')) {
    return {
      kind: 'model_unavailable',
      message: `This model cannot be used here: ${detail || code}. Pick another model.`,
    }
  }
  if (status === 402) {
    return upstreamError(response, `Your Copilot quota is used up. ${detail}`.trim())
  }
  if (status === 403) {
    return { kind: 'no_copilot_access', message: detail || 'Copilot refused this request (403).' }
  }
  if (status === 466) {
    return upstreamError(
      response,
      'GitHub retired the client version LogAI sends. Update `editorVersion`/`copilotApiVersion` in the client profile.',
    )
  }
  const text = detail || `HTTP ${status}`
  return upstreamError(
    response,
    status >= 500
      ? `Copilot had a problem (${text}). Try again.`
      : `Copilot refused the request: ${text}`,
  )
}
