import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppFailure } from '../../shared/errors.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import type { Log } from '../ports.ts'
import { createKeyCheck } from './api-key.ts'
import { ApiFailure, fromAppError, type ApiError, type Flavor } from './api-error.ts'
import { estimateInputTokens } from './count-tokens.ts'
import { createEmbeddings } from './embeddings.ts'
import { parseJsonObject, readBody, sendError, sendJson } from './http-io.ts'
import { createAdmission, defaultLimits, type Limits } from './limits.ts'
import { apiModel, apiModelList } from './list-models.ts'
import type { ModelDirectory } from './model-directory.ts'
import { proxyAnswer } from './proxy-answer.ts'
import { presentedKey, refuseForeign } from './request-guard.ts'
import type { RequestLogEntry } from './request-log.ts'

/** What the local API server needs from the app. */
export type LocalApiOptions = {
  /** The loopback port; 0 picks a free one (tests). */
  port: number
  /** The key clients must present; see `generateApiKey`. */
  apiKey: string
  copilot: CopilotDeps
  models: ModelDirectory
  log: Log
  /** Called once per authenticated request when its answer has ended (the request log). */
  onRequest?: (entry: RequestLogEntry) => void
  limits?: Partial<Limits>
}

/** A running local API server. */
export type LocalApiServer = {
  /** `http://127.0.0.1:<port>`; OpenAI clients use `<url>/v1`, Anthropic clients `<url>`. */
  url: string
  /** Stops listening and ends open streams (their upstream requests are aborted). */
  close(): Promise<void>
}

/** What one route does with an admitted request; returns what the request log records. */
type RouteResult = Partial<Pick<RequestLogEntry, 'model' | 'upstream' | 'stream' | 'error'>> & {
  status: number
  inputTokens?: number
  outputTokens?: number
}
type Route = (request: RouteRequest) => Promise<RouteResult>
type RouteRequest = {
  req: IncomingMessage
  res: ServerResponse
  signal: AbortSignal
  /** The JSON body (POST routes), read within the body limit. */
  body(): Promise<Record<string, unknown>>
  /** Fills in the log entry's model and upstream before the answer ends. */
  note: RequestLogEntry
}

/**
 * Starts the local OpenAI- and Anthropic-compatible API on 127.0.0.1 (copilot-protocol.md §12),
 * safe by default: loopback only, foreign `Host` and browser requests refused, no CORS, a key
 * compared in constant time, bounded bodies, concurrency and rate, and upstream requests aborted
 * when their client goes away. Routes are fixed paths mapped to fixed Copilot paths: nothing in
 * a request chooses where it goes upstream, and no token is ever part of an answer.
 */
export async function createLocalApiServer(options: LocalApiOptions): Promise<LocalApiServer> {
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const keyMatches = createKeyCheck(options.apiKey)
  const { copilot, models, log } = options
  const now = () => copilot.clock.now()
  const admission = createAdmission(limits, now)
  const warn = createRefusalWarnings(log, now)

  const routes = new Map<string, Route>([
    [
      'GET /v1/models',
      async ({ res }) => {
        sendJson(res, 200, apiModelList((await models.routes()).values()))
        return { status: 200 }
      },
    ],
    ['POST /v1/chat/completions', (request) => answer('chat_completions', request)],
    ['POST /v1/responses', (request) => answer('responses', request)],
    ['POST /v1/messages', (request) => answer('messages', request)],
    [
      'POST /v1/messages/count_tokens',
      async ({ res, body, note }) => {
        const request = await body()
        if (typeof request.model === 'string') note.model = request.model
        sendJson(res, 200, { input_tokens: estimateInputTokens(request) })
        return { status: 200 }
      },
    ],
    [
      'POST /v1/embeddings',
      async ({ res, body, signal, note }) => {
        const request = await body()
        if (typeof request.model === 'string') note.model = request.model
        note.upstream = '/embeddings'
        const result = await createEmbeddings(copilot, request, signal)
        sendJson(res, 200, result.body)
        return {
          status: 200,
          ...(result.inputTokens === undefined ? {} : { inputTokens: result.inputTokens }),
        }
      },
    ],
  ])

  async function answer(
    format: 'chat_completions' | 'responses' | 'messages',
    request: RouteRequest,
  ) {
    const body = await request.body()
    const outcome = await proxyAnswer(
      { copilot, models },
      {
        format,
        body,
        headers: request.req.headers,
        res: request.res,
        signal: request.signal,
        onRouted(model, upstream, stream) {
          Object.assign(request.note, { model, upstream, stream })
        },
      },
    )
    return {
      status: outcome.status,
      ...(outcome.usage
        ? { inputTokens: outcome.usage.input, outputTokens: outcome.usage.output }
        : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    }
  }

  /** `GET /v1/models/{id}`: a lookup in the list; the id never reaches a URL. */
  function modelRoute(path: string): Route | undefined {
    const id = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1]
    if (id === undefined) return undefined
    return async ({ res }) => {
      const model = (await models.routes()).get(safeDecode(id))
      if (!model)
        throw new ApiFailure({ status: 404, code: 'model_not_found', message: `No model ${id}.` })
      sendJson(res, 200, apiModel(model))
      return { status: 200 }
    }
  }

  let port = options.port
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const at = now()
    const target = req.url
    const path = target?.split('?')[0] ?? ''
    const flavor: Flavor = path.startsWith('/v1/messages') ? 'anthropic' : 'openai'
    const refusal = refuseForeign(req.headers, target, port)
    if (refusal) {
      warn(refusal.reason)
      return sendError(res, flavor, refusal, { close: true })
    }
    if (!keyMatches(presentedKey(req.headers))) {
      warn('key')
      return sendError(
        res,
        flavor,
        {
          status: 401,
          message: 'A valid LogAI API key is required (Authorization: Bearer, or x-api-key).',
        },
        { close: true, headers: { 'www-authenticate': 'Bearer' } },
      )
    }
    const note: RequestLogEntry = {
      at,
      durationMs: 0,
      client: String(req.headers['user-agent'] ?? 'unknown').slice(0, 200),
      endpoint: path,
      model: null,
      upstream: null,
      stream: false,
      status: 0,
      inputTokens: null,
      outputTokens: null,
    }
    const finish = (result: RouteResult) => {
      Object.assign(note, {
        durationMs: now() - at,
        status: result.status,
        inputTokens: result.inputTokens ?? null,
        outputTokens: result.outputTokens ?? null,
        ...(result.error ? { error: result.error } : {}),
      })
      options.onRequest?.(note)
    }
    const route =
      routes.get(`${req.method} ${path}`) ?? (req.method === 'GET' ? modelRoute(path) : undefined)
    if (!route) {
      const error = { status: 404, message: `No route ${req.method} ${path} on the LogAI API.` }
      sendError(res, flavor, error, { close: true })
      return finish({ status: 404, error: 'unknown route' })
    }
    const admitted = admission.admit()
    if (!admitted.admitted) {
      const error = {
        status: 429,
        message: admitted.message,
        retryAfter: String(admitted.retryAfterSeconds),
      }
      sendError(res, flavor, error, { close: true })
      return finish({ status: 429, error: admitted.message })
    }
    const aborter = new AbortController()
    // A client that goes away stops its upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort()
    })
    let bodyRead = false
    try {
      const result = await route({
        req,
        res,
        signal: aborter.signal,
        note,
        body: async () => {
          bodyRead = true
          return parseJsonObject(await readBody(req, limits.maxBodyBytes))
        },
      })
      finish(result)
    } catch (thrown) {
      const error = describe(thrown, aborter.signal)
      if (error) {
        // A body not read to its end must not be read as the next request.
        sendError(res, flavor, error, { close: !bodyRead || error.status === 413 })
      } else if (!res.headersSent) res.destroy()
      if (error && error.status >= 500 && !(thrown instanceof ApiFailure)) {
        log.error('local API request failed', {
          endpoint: path,
          status: error.status,
          message: error.message,
        })
      }
      finish({
        status: error?.status ?? 499,
        error: error?.message ?? 'client closed the connection',
      })
    } finally {
      admitted.release()
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      log.error('local API handler crashed', {
        error: thrown instanceof Error ? thrown.message : String(thrown),
      })
      if (!res.headersSent)
        sendJson(res, 500, { error: { message: 'Internal error', type: 'server_error' } })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // Loopback only, whatever the port: the API spends the user's Copilot requests.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** What a thrown failure means for the client; undefined when the client has gone. */
function describe(thrown: unknown, signal: AbortSignal): ApiError | undefined {
  if (thrown instanceof ApiFailure) return thrown.apiError
  if (signal.aborted || (thrown instanceof Error && thrown.name === 'AbortError')) return undefined
  if (thrown instanceof AppFailure) return fromAppError(thrown.error)
  return { status: 500, message: 'The LogAI API failed while answering. See the LogAI log.' }
}

/** Refusals are logged, at most once a minute per reason: a page retrying must not flood the log. */
function createRefusalWarnings(log: Log, now: () => number) {
  const last = new Map<string, number>()
  return (reason: string) => {
    const at = now()
    if ((last.get(reason) ?? -Infinity) > at - 60_000) return
    last.set(reason, at)
    log.warn('local API refused a request', { reason })
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
