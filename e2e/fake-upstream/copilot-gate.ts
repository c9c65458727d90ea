import { sendJson } from './http-io.ts'
import { header, type RouteContext } from './route.ts'
import type { CopilotToken } from './state.ts'

/** Answers an error in one route family's envelope; `code` and `extra` are Copilot's terms. */
export type ErrorReply = (
  ctx: RouteContext,
  status: number,
  message: string,
  code: string,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
) => void

/** §11.1: the Copilot API's `{ error: { message, code, … } }` envelope. */
export function sendCopilotError(
  ctx: RouteContext,
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(ctx.res, status, { error: { message, code, ...extra } }, headers)
}

/**
 * What the Copilot API demands of every call in the exchange model (§0.1, §5.2): a live Copilot
 * token as Bearer plus the editor identity headers. Answers the error (in `reply`'s envelope) and
 * returns undefined when something is missing.
 */
export function requireCopilotAccess(
  ctx: RouteContext,
  reply: ErrorReply = sendCopilotError,
): CopilotToken | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header(ctx, 'authorization') ?? '')
  const bearer = match?.[1]
  // §2.5: direct mode sends the GitHub token itself; accepted only when the scenario says so.
  const direct =
    bearer !== undefined &&
    ctx.state.scenario.acceptGithubTokens &&
    ctx.state.githubTokens.has(bearer)
  const token: CopilotToken | undefined = direct
    ? { githubToken: bearer, expiresAt: Number.POSITIVE_INFINITY }
    : bearer === undefined
      ? undefined
      : ctx.state.copilotTokens.get(bearer)
  if (token === undefined) {
    reply(ctx, 401, 'unauthorized: token invalid', 'unauthorized')
    return undefined
  }
  // §2.4: clients must refresh before expires_at and retry once on this answer.
  if (ctx.state.now() >= token.expiresAt || rejectOnce(ctx)) {
    reply(ctx, 401, 'unauthorized: token expired', 'unauthorized')
    return undefined
  }
  const editorVersion = header(ctx, 'editor-version')
  if (!editorVersion) {
    reply(ctx, 400, 'bad request: missing Editor-Version header for IDE auth', 'bad_request')
    return undefined
  }
  if (!/^[A-Za-z][\w.-]*\/\d[\w.+-]*$/.test(editorVersion)) {
    reply(ctx, 400, 'bad request: unknown Editor-Version header for IDE auth', 'bad_request')
    return undefined
  }
  // §5.2: exchanged tokens are integration-scoped; without the id the API forbids the call.
  if (!header(ctx, 'copilot-integration-id')) {
    reply(ctx, 403, 'forbidden: missing Copilot-Integration-Id header', 'forbidden')
    return undefined
  }
  const apiVersion = header(ctx, 'x-github-api-version')
  if (apiVersion !== undefined && ctx.state.scenario.retiredApiVersions.includes(apiVersion)) {
    reply(
      ctx,
      466,
      'client not supported: bad request: the specified API version is no longer supported. ' +
        'You may need to update your client to a newer version.',
      'client_not_supported',
    )
    return undefined
  }
  return token
}

/** Scenario `rejectCopilotRequests`: the next N Copilot calls get 401 whatever their token. */
function rejectOnce(ctx: RouteContext): boolean {
  const scenario = ctx.state.scenario
  if (scenario.rejectCopilotRequests <= 0) return false
  scenario.rejectCopilotRequests -= 1
  return true
}
