import { isKnownClient, issueDeviceCode } from './device-codes.ts'
import { sendOAuth, sendOAuthError } from './oauth-reply.ts'
import { param, type RouteContext } from './route.ts'

/** `POST /login/device/code` (§1.2). */
export function requestDeviceCode(ctx: RouteContext): void {
  const clientId = param(ctx, 'client_id')
  if (!isKnownClient(ctx.state, clientId)) {
    // §1.2: GitHub refuses unknown clients with a 4xx before any code exists.
    sendOAuthError(ctx, 'incorrect_client_credentials', {}, 404)
    return
  }
  const code = issueDeviceCode(ctx.state, clientId, param(ctx, 'scope') ?? '')
  sendOAuth(ctx, 200, {
    device_code: code.deviceCode,
    user_code: code.userCode,
    verification_uri: `${ctx.state.urls.githubUrl}/login/device`,
    expires_in: ctx.state.scenario.deviceExpiresIn,
    interval: code.interval,
  })
}
