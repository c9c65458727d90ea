import { sendForm, sendJson } from './http-io.ts'
import { header, type RouteContext } from './route.ts'
import type { DeviceError } from './scenario.ts'

/** Every `error` the device flow can answer with (§1.4). */
export type OAuthError = DeviceError | 'authorization_pending' | 'slow_down'

const descriptions: Record<OAuthError, string> = {
  authorization_pending: 'The authorization request is still pending.',
  slow_down: 'Too many requests have been made in the same timeframe.',
  expired_token: 'The `device_code` has expired.',
  unsupported_grant_type:
    'The grant type is not supported. It must be `urn:ietf:params:oauth:grant-type:device_code`.',
  incorrect_client_credentials: 'The client_id is not valid.',
  incorrect_device_code: 'The device_code provided is not valid.',
  access_denied: 'The authorization request was denied.',
  device_flow_disabled: 'Device Flow must be explicitly enabled for this App',
}

const errorUri =
  'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow'

/** §1.1: JSON only when the client asks for it; otherwise GitHub answers form-encoded. */
export function sendOAuth(ctx: RouteContext, status: number, fields: Record<string, unknown>) {
  const accept = (header(ctx, 'accept') ?? '').toLowerCase()
  if (accept.includes('application/json')) sendJson(ctx.res, status, fields)
  else sendForm(ctx.res, status, fields)
}

/** §1.3: pending and error answers are HTTP 200 unless told otherwise. */
export function sendOAuthError(
  ctx: RouteContext,
  error: OAuthError,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  sendOAuth(ctx, status, {
    error,
    error_description: descriptions[error],
    error_uri: errorUri,
    ...extra,
  })
}
