import { sendJson } from './http-io.ts'
import { header, type RouteContext } from './route.ts'
import type { GithubToken } from './state.ts'

const docsUrl = 'https://docs.github.com/rest'

/** GitHub REST's standard error body (§2.3 "StandardErrorEnvelope"). */
export function sendGithubError(ctx: RouteContext, status: number, message: string): void {
  sendJson(ctx.res, status, { message, documentation_url: docsUrl, status: String(status) })
}

/**
 * Resolves the GitHub token of a REST call (`token <t>` or `Bearer <t>`, §2.1), or answers the
 * error GitHub would and returns undefined.
 */
export function requireGithubToken(
  ctx: RouteContext,
): (GithubToken & { token: string }) | undefined {
  // api.github.com refuses requests without a User-Agent before looking at credentials.
  if (!header(ctx, 'user-agent')) {
    sendJson(ctx.res, 403, {
      message:
        'Request forbidden by administrative rules. ' +
        'Please make sure your request has a User-Agent header',
      documentation_url: docsUrl,
      status: '403',
    })
    return undefined
  }
  const raw = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header(ctx, 'authorization') ?? '')?.[1]
  const account = raw === undefined ? undefined : ctx.state.githubTokens.get(raw)
  if (raw === undefined || account === undefined) {
    sendGithubError(ctx, 401, raw === undefined ? 'Requires authentication' : 'Bad credentials')
    return undefined
  }
  return { ...account, token: raw }
}
