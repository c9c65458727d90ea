import { isExpired, isKnownClient } from './device-codes.ts'
import { createGithubToken } from './ids.ts'
import { sendOAuth, sendOAuthError } from './oauth-reply.ts'
import { param, type RouteContext } from './route.ts'
import { pushEvent, type DeviceCode } from './state.ts'

const deviceGrantType = 'urn:ietf:params:oauth:grant-type:device_code'

// Timers may fire a millisecond or two early; this is far below any interval a client could skip.
const timerSlackMs = 20

/** `POST /login/oauth/access_token` with the device grant (§1.3, §1.4). */
export function pollAccessToken(ctx: RouteContext): void {
  const { state } = ctx
  // A failure on the way (§1.5): the poll never reaches GitHub's logic, so it counts for nothing.
  const fault = state.scenario.pollFaults.shift()
  if (fault === 'server_error') {
    ctx.res.writeHead(502, { 'Content-Type': 'text/html' })
    ctx.res.end('<html><body>502 Bad Gateway</body></html>')
    return
  }
  if (fault === 'drop') {
    ctx.res.socket?.destroy()
    return
  }
  if (param(ctx, 'grant_type') !== deviceGrantType) {
    sendOAuthError(ctx, 'unsupported_grant_type')
    return
  }
  const clientId = param(ctx, 'client_id')
  if (!isKnownClient(state, clientId)) {
    sendOAuthError(ctx, 'incorrect_client_credentials')
    return
  }
  const deviceCode = param(ctx, 'device_code')
  const code = state.deviceCodes.find(
    (candidate) => candidate.deviceCode === deviceCode && candidate.clientId === clientId,
  )
  if (code === undefined) {
    sendOAuthError(ctx, 'incorrect_device_code')
    return
  }

  const now = state.now()
  const sinceLastPoll = now - code.lastPollAt
  code.polls += 1
  code.lastPollAt = now

  const forced = state.scenario.deviceError
  if (forced !== null) {
    state.scenario.deviceError = null
    if (forced === 'access_denied') code.status = 'denied'
    if (forced === 'expired_token') code.status = 'expired'
    sendOAuthError(ctx, forced)
    return
  }
  if (code.status === 'denied') {
    sendOAuthError(ctx, 'access_denied')
    return
  }
  if (code.status === 'used') {
    // A device code yields one token; reusing it is a client bug.
    sendOAuthError(ctx, 'incorrect_device_code')
    return
  }
  if (isExpired(code, now)) {
    code.status = 'expired'
    sendOAuthError(ctx, 'expired_token')
    return
  }
  const tooFast = sinceLastPoll + timerSlackMs < code.interval * 1000
  if (tooFast || state.scenario.slowDownOnPolls.includes(code.polls)) {
    // §1.4: slow_down adds 5 s and reports the new interval.
    code.interval += 5
    sendOAuthError(ctx, 'slow_down', { interval: code.interval })
    return
  }
  const autoApprove = state.scenario.autoApproveAfterPolls
  if (code.status === 'pending' && autoApprove !== null && code.polls > autoApprove) {
    code.status = 'approved'
    pushEvent(state, 'device-approved')
  }
  if (code.status !== 'approved') {
    sendOAuthError(ctx, 'authorization_pending')
    return
  }
  issueToken(ctx, code)
}

function issueToken(ctx: RouteContext, code: DeviceCode): void {
  code.status = 'used'
  const token = createGithubToken()
  const scope = code.scope
  ctx.state.githubTokens.set(token, {
    login: ctx.state.scenario.login,
    clientId: code.clientId,
    scope,
  })
  pushEvent(ctx.state, 'github-token-issued')
  sendOAuth(ctx, 200, { access_token: token, token_type: 'bearer', scope })
}
