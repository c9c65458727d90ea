import { randomUUID } from 'node:crypto'
import { AppFailure, type AppError } from '../../shared/errors.ts'
import type { AuthService } from '../auth/auth-service.ts'
import type { CopilotCredentials } from '../auth/copilot-credentials.ts'
import { editorHeaders, type ClientProfile } from '../auth/client-profile.ts'
import { fetchOrFail, retryAfterMs } from '../http.ts'
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
  /**
   * Route-specific headers (`Copilot-Vision-Request`, `anthropic-version`, an `Accept` override),
   * written in their canonical case. They cannot replace the identity, auth or billing headers.
   */
  headers?: Record<string, string>
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
          Accept: request.stream ? 'text/event-stream' : 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...request.headers,
          Authorization: `Bearer ${access.bearer}`,
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

/**
 * A refused Copilot response as a designed failure that also keeps the HTTP status and the
 * `Retry-After` the service sent (undefined when it sent none), so a retry policy can decide.
 */
export class CopilotResponseFailure extends AppFailure {
  readonly status: number
  readonly retryAfterMs: number | undefined
  constructor(error: AppError, status: number, retryAfterMs: number | undefined) {
    super(error)
    this.status = status
    this.retryAfterMs = retryAfterMs
  }
}

/** Reads a refused response into a `CopilotResponseFailure` (copilot-protocol.md §11.1). */
export async function copilotFailure(
  response: Response,
  now: number,
): Promise<CopilotResponseFailure> {
  const retryAfter = retryAfterMs(response, now)
  const error = describeFailure(response, await readErrorBody(response), now, retryAfter)
  return new CopilotResponseFailure(error, response.status, retryAfter)
}

/** Turns a failed Copilot response into an error a person can act on (copilot-protocol.md §11.1). */
export async function copilotError(response: Response, now: number): Promise<AppError> {
  return (await copilotFailure(response, now)).error
}

/** §11.1 `model_max_prompt_tokens_exceeded` and its relatives on the other endpoints. */
export function isContextOverflow(code: string, message: string): boolean {
  return (
    code === 'model_max_prompt_tokens_exceeded' ||
    code === 'context_length_exceeded' ||
    promptTokensPattern.test(message) ||
    /prompt is too long/i.test(message)
  )
}

const promptTokensPattern = /prompt token count of (\d+) exceeds the limit of (\d+)/i

type ErrorBody = { code: string; detail: string }

/**
 * The code and message of an error body. Copilot sends `{error: {message, code}}` (§11.1), the
 * Anthropic route `{type: "error", error: {type, message}}` (§9), and some answers are plain
 * text (`quota exceeded`); an HTML error page says nothing a person can use.
 */
async function readErrorBody(response: Response): Promise<ErrorBody> {
  const raw = (await response.text().catch(() => '')).trim()
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    const plain = raw.startsWith('<') ? '' : raw.slice(0, 300)
    return { code: '', detail: plain }
  }
  if (typeof body === 'string') return { code: '', detail: body }
  const outer = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  if (typeof outer.error === 'string') return { code: '', detail: outer.error }
  const inner =
    outer.error && typeof outer.error === 'object'
      ? (outer.error as Record<string, unknown>)
      : outer
  const code =
    typeof inner.code === 'string' && inner.code
      ? inner.code
      : typeof inner.type === 'string' && inner.type !== 'error'
        ? inner.type
        : ''
  const detail = typeof inner.message === 'string' ? inner.message.trim() : ''
  return { code, detail }
}

function describeFailure(
  response: Response,
  { code, detail }: ErrorBody,
  now: number,
  retryAfter: number | undefined,
): AppError {
  const status = response.status
  if (status === 429) {
    const waitMs = retryAfter ?? 60_000
    const until = new Date(now + waitMs).toLocaleTimeString()
    return {
      kind: 'rate_limited',
      retryAfterMs: waitMs,
      message: `${sentence(detail) || 'Copilot is rate limiting requests.'} Try again after ${until}.`,
    }
  }
  if (status === 402) {
    // §11.1: `quota_exceeded`, `free_quota_exceeded`, `overage_limit_reached`, … all mean this.
    const resets =
      retryAfter === undefined ? '' : ` It resets ${new Date(now + retryAfter).toLocaleString()}.`
    return {
      kind: 'quota_exhausted',
      message:
        `Your Copilot quota is used up${detail ? ` (${detail})` : ''}.${resets} ` +
        'Until then, pick a model your plan includes at no extra cost.',
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    }
  }
  if (isContextOverflow(code, detail)) {
    const counts = promptTokensPattern.exec(detail)
    const size = counts ? ` (${counts[1]} tokens; its limit is ${counts[2]})` : ''
    return {
      kind: 'context_too_long',
      message: `This conversation is too long for this model${size}. Start a new chat or remove earlier messages.`,
    }
  }
  if (code === 'model_not_supported') {
    return {
      kind: 'model_unavailable',
      message:
        `This model is not available to your account right now${detail ? ` (${detail})` : ''}. ` +
        'Enable it in the model picker (or at github.com/settings/copilot/features), or pick another model.',
    }
  }
  if (code === 'unsupported_api_for_model') {
    return {
      kind: 'model_unavailable',
      message: `This model cannot be used here: ${detail || code}. Pick another model.`,
    }
  }
  if (status === 403) {
    return { kind: 'no_copilot_access', message: detail || 'Copilot refused this request (403).' }
  }
  const requestId =
    response.headers.get('x-github-request-id') ?? response.headers.get('x-request-id') ?? undefined
  // People quote the request id when they report a problem (§11.2).
  const quote = requestId ? ` Request id: ${requestId}.` : ''
  const upstream = (message: string): AppError => ({
    kind: 'upstream',
    status,
    message: `${message}${quote}`,
    ...(requestId ? { requestId } : {}),
  })
  if (status === 466) {
    return upstream(
      'GitHub retired the client version LogAI sends. Update `editorVersion`/`copilotApiVersion` in the client profile.',
    )
  }
  const text = detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`
  return upstream(
    status >= 500
      ? `Copilot had a problem (${text}). Try again.`
      : `Copilot refused the request (${text}).`,
  )
}

/** A message that ends like a sentence, so more can follow it. */
function sentence(message: string): string {
  if (!message) return ''
  return /[.!?]$/.test(message) ? message : `${message}.`
}
