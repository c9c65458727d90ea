import { z } from 'zod'
import { AppFailure } from '../../shared/errors.ts'
import { fetchOrFail, upstreamError } from '../http.ts'
import type { HttpFetch } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { formBody, readOAuthBody } from './oauth-body.ts'

/** The codes GitHub hands out for one device-flow attempt (copilot-protocol.md §1.2). */
export type DeviceCode = {
  deviceCode: string
  userCode: string
  verificationUri: string
  expiresInSec: number
  intervalSec: number
}

const deviceCodeSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.url(),
  // Form-encoded answers carry numbers as text.
  expires_in: z.coerce.number().positive().default(900),
  interval: z.coerce.number().positive().default(5),
})

/** Step 1 of the device flow: asks GitHub for a device code and the code the user types. */
export async function requestDeviceCode(
  fetch: HttpFetch,
  githubUrl: string,
  profile: ClientProfile,
  signal?: AbortSignal,
): Promise<DeviceCode> {
  const response = await fetchOrFail(
    fetch,
    `${githubUrl}/login/device/code`,
    {
      ...formBody({ client_id: profile.clientId, scope: profile.scope }, profile.userAgent),
      signal,
    },
    'GitHub',
  )
  const body = await readOAuthBody(response)
  const parsed = deviceCodeSchema.safeParse(body)
  if (response.ok && parsed.success) {
    const code = parsed.data
    return {
      deviceCode: code.device_code,
      userCode: code.user_code,
      verificationUri: code.verification_uri,
      expiresInSec: code.expires_in,
      intervalSec: code.interval,
    }
  }
  // §1.2: an unknown client or a disabled device flow answers 4xx or `error=device_flow_disabled`.
  if (response.status >= 400 && response.status < 500) {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`
    throw new AppFailure({
      kind: 'upstream',
      status: response.status,
      message: `GitHub refused to start sign-in for this app (${error}). Check the client id in the client profile.`,
    })
  }
  throw new AppFailure(
    upstreamError(response, `GitHub could not start sign-in (HTTP ${response.status}). Try again.`),
  )
}
