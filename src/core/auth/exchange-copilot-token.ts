import { z } from 'zod'
import { AppFailure } from '../../shared/errors.ts'
import { fetchOrFail, readJson, upstreamError } from '../http.ts'
import type { Clock, HttpFetch } from '../ports.ts'
import { editorHeaders, githubApiHeaders, type ClientProfile } from './client-profile.ts'

/** A short-lived Copilot token; it lives in memory only. */
export type CopilotToken = {
  token: string
  /** Epoch ms after which the token must not be used. */
  expiresAt: number
  /** Epoch ms from which a new token should be fetched. */
  refreshAt: number
  /** The Copilot API base URL for this account (`endpoints.api`). */
  apiUrl: string
}

// §2.2: validate only what we use; unknown fields appear over time.
const envelopeSchema = z.object({
  token: z.string().min(1),
  expires_at: z.number().optional(),
  refresh_in: z.number().optional(),
  endpoints: z.object({ api: z.url().optional() }).partial().optional(),
})

const noAccessSchema = z.object({
  message: z.string().optional(),
  error_details: z
    .object({ message: z.string().optional(), url: z.string().optional() })
    .optional(),
})

const plansUrl = 'https://github.com/features/copilot/plans'

/** Exchanges the GitHub token for a Copilot token (`GET /copilot_internal/v2/token`, §2). */
export async function exchangeCopilotToken(
  fetch: HttpFetch,
  clock: Clock,
  githubApiUrl: string,
  githubToken: string,
  profile: ClientProfile,
): Promise<CopilotToken> {
  const response = await fetchOrFail(
    fetch,
    `${githubApiUrl}/copilot_internal/v2/token`,
    {
      headers: { ...githubApiHeaders(githubToken, profile), ...editorHeaders(profile) },
    },
    'GitHub',
  )
  const body = await readJson(response)
  if (response.ok) {
    const parsed = envelopeSchema.safeParse(body)
    if (!parsed.success) {
      throw new AppFailure(
        upstreamError(response, 'GitHub sent a Copilot token LogAI cannot read.'),
      )
    }
    const envelope = parsed.data
    const now = clock.now()
    const lifetimeSec = tokenLifetime(envelope, response, now)
    // Fetch a new token a little before this one runs out: a minute early, or a quarter of the
    // lifetime for short-lived tokens.
    const leadSec = Math.min(60, lifetimeSec / 4)
    return {
      token: envelope.token,
      expiresAt: now + lifetimeSec * 1000,
      refreshAt: now + (lifetimeSec - leadSec) * 1000,
      apiUrl: resolveApiUrl(envelope.endpoints?.api, envelope.token),
    }
  }
  if (response.status === 401) {
    throw new AppFailure({
      kind: 'unauthorized',
      message: 'GitHub no longer accepts your saved sign-in. Sign in again.',
    })
  }
  if (response.status === 403 || response.status === 404) {
    // §2.3: the 403 ErrorEnvelope says why and where to get access.
    const details = noAccessSchema.safeParse(body)
    const reason = details.success
      ? (details.data.error_details?.message ?? details.data.message)
      : undefined
    throw new AppFailure({
      kind: 'no_copilot_access',
      message: reason ?? 'This GitHub account has no access to GitHub Copilot.',
      url: (details.success && details.data.error_details?.url) || plansUrl,
    })
  }
  throw new AppFailure(
    upstreamError(response, `GitHub could not issue a Copilot token (HTTP ${response.status}).`),
  )
}

/**
 * How long the token lasts, in seconds on our clock (§2.4). `refresh_in` is a duration, so clock
 * skew cannot distort it; `expires_at` is on the server's clock, so it counts only when the answer
 * carries the server's `Date` to translate it. The shorter of the two wins.
 */
function tokenLifetime(
  envelope: z.infer<typeof envelopeSchema>,
  response: Response,
  now: number,
): number {
  const serverDate = Date.parse(response.headers.get('date') ?? '')
  const candidates: number[] = []
  if (envelope.refresh_in !== undefined) candidates.push(envelope.refresh_in)
  if (envelope.expires_at !== undefined && !Number.isNaN(serverDate)) {
    candidates.push(envelope.expires_at - serverDate / 1000)
  }
  if (candidates.length === 0 && envelope.expires_at !== undefined) {
    candidates.push(envelope.expires_at - now / 1000)
  }
  return Math.max(0, Math.min(...candidates, 24 * 3600))
}

/** §4.3: `endpoints.api`, else `proxy-ep` in the token (proxy.X → api.X), else the generic host. */
function resolveApiUrl(endpointsApi: string | undefined, token: string): string {
  if (endpointsApi) return endpointsApi.replace(/\/+$/, '')
  const proxy = /(?:^|;)proxy-ep=([^;:]+)/.exec(token)?.[1]
  if (proxy) return `https://${proxy.replace(/^proxy\./, 'api.')}`
  return 'https://api.githubcopilot.com'
}
