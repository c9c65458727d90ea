import { requireGithubToken } from './github-auth.ts'
import { sendJson } from './http-io.ts'
import type { RouteContext } from './route.ts'

/** `GET /user`: the signed-in account. */
export function getGithubUser(ctx: RouteContext): void {
  const token = requireGithubToken(ctx)
  if (token === undefined) return
  sendJson(ctx.res, 200, {
    login: token.login,
    id: 583231,
    node_id: 'MDQ6VXNlcjU4MzIzMQ==',
    type: 'User',
    name: token.login === 'octocat' ? 'The Octocat' : token.login,
    html_url: `${ctx.state.urls.githubUrl}/${token.login}`,
  })
}
