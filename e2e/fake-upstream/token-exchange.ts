import { requireGithubToken, sendGithubError } from './github-auth.ts'
import { sendJson } from './http-io.ts'
import { createCopilotToken } from './ids.ts'
import type { RouteContext } from './route.ts'
import { pushEvent } from './state.ts'

/** The `endpoints` block of §2.2; only `api` is ever called, the rest must merely exist. */
export function copilotEndpoints(ctx: RouteContext) {
  const unused = `${ctx.state.urls.url}/unused`
  return {
    api: ctx.state.urls.copilotUrl,
    'origin-tracker': `${unused}/origin-tracker`,
    proxy: `${unused}/proxy`,
    telemetry: `${unused}/telemetry`,
  }
}

/** `GET /copilot_internal/v2/token`: GitHub token → short-lived Copilot token (§2). */
export function exchangeCopilotToken(ctx: RouteContext): void {
  const { state } = ctx
  const githubToken = requireGithubToken(ctx)
  if (githubToken === undefined) return
  switch (state.scenario.exchange) {
    case 'unauthorized':
      sendGithubError(ctx, 401, 'Bad credentials')
      return
    case 'server_error':
      sendJson(ctx.res, 500, { message: 'Server Error' })
      return
    case 'no_access':
      // §2.3: ErrorEnvelope; clients show error_details.message with a link to error_details.url.
      sendJson(ctx.res, 403, {
        message: 'You do not have access to GitHub Copilot.',
        error_details: {
          message:
            'No access to GitHub Copilot found. You are currently logged in as ' +
            `${githubToken.login}.`,
          title: 'No Copilot access',
          url: 'https://github.com/features/copilot/plans',
          notification_id: 'no_copilot_access',
        },
        can_signup_for_limited: true,
      })
      return
    case 'ok':
      break
  }

  const expiresAtMs = state.now() + state.scenario.copilotTokenTtl * 1000
  const expiresAt = Math.floor(expiresAtMs / 1000)
  const token = createCopilotToken(expiresAt)
  state.copilotTokens.set(token, { githubToken: githubToken.token, expiresAt: expiresAtMs })
  pushEvent(state, 'copilot-token-issued', ctx.requestId)
  sendJson(ctx.res, 200, {
    token,
    expires_at: expiresAt,
    refresh_in: state.scenario.refreshIn,
    endpoints: copilotEndpoints(ctx),
    sku: 'plus_monthly_subscriber_quota',
    individual: true,
    chat_enabled: true,
    chat_jetbrains_enabled: true,
    annotations_enabled: true,
    code_quote_enabled: true,
    code_review_enabled: true,
    codesearch: true,
    copilotignore_enabled: false,
    nes_enabled: true,
    prompt_8k: true,
    xcode: true,
    xcode_chat: true,
    public_suggestions: 'disabled',
    telemetry: 'disabled',
    tracking_id: 'fake-tracking-id',
    organization_list: [],
    enterprise_list: null,
    limited_user_quotas: null,
    limited_user_reset_date: null,
  })
}
