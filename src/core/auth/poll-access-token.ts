import { AppFailure } from '../../shared/errors.ts'
import { fetchOrFail, upstreamError } from '../http.ts'
import type { HttpFetch } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { formBody, readOAuthBody } from './oauth-body.ts'

/** What one poll of the token endpoint says (copilot-protocol.md §1.3, §1.4). */
export type PollOutcome =
  | { kind: 'token'; accessToken: string }
  | { kind: 'pending' }
  | { kind: 'slow_down'; intervalSec: number | undefined }
  | { kind: 'expired' }
  | { kind: 'denied' }
  | { kind: 'refused'; error: string; description: string | undefined }

/**
 * One poll. Pending and error answers come with HTTP 200 and an `error` field (§1.3). A network
 * failure or a 5xx throws, so the caller can back off and keep the approval in progress.
 */
export async function pollAccessToken(
  fetch: HttpFetch,
  githubUrl: string,
  profile: ClientProfile,
  deviceCode: string,
  signal?: AbortSignal,
): Promise<PollOutcome> {
  const response = await fetchOrFail(
    fetch,
    `${githubUrl}/login/oauth/access_token`,
    {
      ...formBody(
        {
          client_id: profile.clientId,
          device_code: deviceCode,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        },
        profile.userAgent,
      ),
      signal,
    },
    'GitHub',
  )
  if (response.status >= 500) {
    throw new AppFailure(upstreamError(response, `GitHub answered HTTP ${response.status}.`))
  }
  const body = await readOAuthBody(response)
  if (typeof body.access_token === 'string' && body.access_token.length > 0) {
    return { kind: 'token', accessToken: body.access_token }
  }
  const error = typeof body.error === 'string' ? body.error : `http_${response.status}`
  const description =
    typeof body.error_description === 'string' ? body.error_description : undefined
  switch (error) {
    case 'authorization_pending':
      return { kind: 'pending' }
    case 'slow_down': {
      const interval = Number(body.interval)
      return { kind: 'slow_down', intervalSec: interval > 0 ? interval : undefined }
    }
    case 'expired_token':
    case 'token_expired':
      return { kind: 'expired' }
    case 'access_denied':
      return { kind: 'denied' }
    default:
      return { kind: 'refused', error, description }
  }
}
