import { pollAccessToken } from './access-token.ts'
import { createEmbeddings } from './embeddings.ts'
import { createChatCompletion } from './chat-completions.ts'
import {
  decideFromControl,
  listEvents,
  listRequests,
  patchScenario,
  readScenario,
} from './control.ts'
import { sendCopilotError } from './copilot-gate.ts'
import { getCopilotUser } from './copilot-user.ts'
import { requestDeviceCode } from './device-code.ts'
import { sendGithubError } from './github-auth.ts'
import { getGithubUser } from './github-user.ts'
import { sendJson } from './http-io.ts'
import { createMessage } from './messages.ts'
import { listModels, setModelPolicy } from './models.ts'
import { createResponse } from './responses.ts'
import type { RouteContext, RouteHandler } from './route.ts'
import { exchangeCopilotToken } from './token-exchange.ts'
import { showVerificationPage, submitVerificationPage } from './verification-page.ts'

type Route = {
  method: string
  pattern: RegExp
  handle: (ctx: RouteContext, match: RegExpExecArray) => void | Promise<void>
}

const route = (method: string, pattern: RegExp, handle: RouteHandler): Route => ({
  method,
  pattern,
  handle: (ctx) => handle(ctx),
})

const routes: Route[] = [
  // GitHub web (github.com), §1.
  route('POST', /^\/github\/login\/device\/code$/, requestDeviceCode),
  route('POST', /^\/github\/login\/oauth\/access_token$/, pollAccessToken),
  route('GET', /^\/github\/login\/device$/, showVerificationPage),
  route('POST', /^\/github\/login\/device$/, submitVerificationPage),
  // GitHub REST (api.github.com), §2 and §3.
  route('GET', /^\/api\/copilot_internal\/v2\/token$/, exchangeCopilotToken),
  route('GET', /^\/api\/copilot_internal\/user$/, getCopilotUser),
  route('GET', /^\/api\/user$/, getGithubUser),
  // Copilot API (endpoints.api), no /v1 prefix on OpenAI-style routes (§5.1).
  route('GET', /^\/copilot\/models$/, listModels),
  {
    method: 'POST',
    pattern: /^\/copilot\/models\/([^/]+)\/policy$/,
    handle: (ctx, match) => setModelPolicy(ctx, decodeURIComponent(match[1] ?? '')),
  },
  route('POST', /^\/copilot\/chat\/completions$/, createChatCompletion),
  route('POST', /^\/copilot\/embeddings$/, createEmbeddings),
  route('POST', /^\/copilot\/responses$/, createResponse),
  // The Anthropic route is the one Copilot path with a /v1 prefix (§5.1, §9).
  route('POST', /^\/copilot\/v1\/messages$/, createMessage),
  // Test control.
  route('GET', /^\/_control\/scenario$/, readScenario),
  route('POST', /^\/_control\/scenario$/, patchScenario),
  route('POST', /^\/_control\/approve$/, decideFromControl('approved')),
  route('POST', /^\/_control\/deny$/, decideFromControl('denied')),
  route('GET', /^\/_control\/requests$/, listRequests),
  route('GET', /^\/_control\/events$/, listEvents),
]

function notFound(ctx: RouteContext): void {
  const path = ctx.url.pathname
  if (path.startsWith('/api/')) sendGithubError(ctx, 404, 'Not Found')
  else if (path.startsWith('/copilot/')) sendCopilotError(ctx, 404, 'not found', 'not_found')
  else sendJson(ctx.res, 404, { message: 'Not Found' })
}

/** Dispatches to the handler for method + path; anything unknown is a 404 in its family's shape. */
export async function dispatch(ctx: RouteContext): Promise<void> {
  const method = ctx.req.method ?? 'GET'
  for (const candidate of routes) {
    if (candidate.method !== method) continue
    const match = candidate.pattern.exec(ctx.url.pathname)
    if (match) return candidate.handle(ctx, match)
  }
  notFound(ctx)
}
