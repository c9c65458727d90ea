import { z } from 'zod'
import { AppFailure } from '../../shared/errors.ts'
import { copilotError, copilotFetch, type CopilotDeps } from '../copilot/copilot-request.ts'
import { chooseEndpoint, type Endpoint } from '../copilot/model-route.ts'
import { readJson } from '../http.ts'

/** What the local API needs to know about one Copilot model. */
export type UpstreamModelInfo = {
  id: string
  name: string
  vendor: string
  kind: 'chat' | 'embeddings'
  /**
   * The answer routes the model accepts (`supported_endpoints`, §6.1), in the order listed. A
   * legacy model without the field gets the one `chooseEndpoint` guesses (§6.2).
   */
  endpoints: Endpoint[]
}

/**
 * The port the local API reads models through. The app can plug in its cached model service;
 * `createCopilotModelDirectory` is a small one of its own over `GET /models`.
 */
export type ModelDirectory = {
  /** Every model the account may call, by id. May be cached; may throw an AppFailure. */
  routes(): Promise<ReadonlyMap<string, UpstreamModelInfo>>
}

const endpointNames: Record<string, Endpoint> = {
  '/chat/completions': 'chat_completions',
  '/responses': 'responses',
  '/v1/messages': 'messages',
}

const itemSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional().catch(undefined),
  vendor: z.string().optional().catch(undefined),
  supported_endpoints: z.array(z.string()).optional().catch(undefined),
  policy: z.object({ state: z.string().optional() }).optional().catch(undefined),
  capabilities: z.object({ type: z.string() }),
})

/**
 * The models of a `/models` answer (§6.1) the local API can serve: chat models on at least one
 * answer route, and embedding models. Items are read one by one and junk is skipped (§6); a model
 * whose policy is not `enabled` is left out, since every request to it would fail (§10.1).
 */
export function readModelDirectory(body: unknown): Map<string, UpstreamModelInfo> {
  const items = isList(body) ? body.data : []
  const models = new Map<string, UpstreamModelInfo>()
  for (const item of items) {
    const parsed = itemSchema.safeParse(item)
    if (!parsed.success || models.has(parsed.data.id)) continue
    const model = parsed.data
    const state = model.policy?.state
    if (state !== undefined && state !== 'enabled') continue
    const kind = model.capabilities.type
    if (kind !== 'chat' && kind !== 'embeddings') continue
    const endpoints =
      kind === 'embeddings'
        ? []
        : model.supported_endpoints
          ? model.supported_endpoints.flatMap((name) => endpointNames[name] ?? [])
          : [chooseEndpoint(undefined, model.id) ?? 'chat_completions']
    if (kind === 'chat' && endpoints.length === 0) continue
    models.set(model.id, {
      id: model.id,
      name: model.name ?? model.id,
      vendor: model.vendor ?? 'GitHub Copilot',
      kind,
      endpoints,
    })
  }
  return models
}

function isList(body: unknown): body is { data: unknown[] } {
  return typeof body === 'object' && body !== null && 'data' in body && Array.isArray(body.data)
}

/**
 * A model directory over `GET /models` (§6, `OpenAI-Intent: model-access`), cached for `ttlMs`
 * (VS Code refreshes every 10 minutes) with one fetch at a time. A failed refresh keeps the
 * previous list when there is one.
 */
export function createCopilotModelDirectory(
  copilot: CopilotDeps,
  ttlMs = 10 * 60_000,
): ModelDirectory {
  let cached: { at: number; models: Map<string, UpstreamModelInfo> } | null = null
  let inFlight: Promise<Map<string, UpstreamModelInfo>> | null = null
  const fetchModels = async () => {
    const response = await copilotFetch(copilot, {
      method: 'GET',
      path: '/models',
      intent: 'model-access',
    })
    if (!response.ok) throw new AppFailure(await copilotError(response, copilot.clock.now()))
    const models = readModelDirectory(await readJson(response))
    cached = { at: copilot.clock.now(), models }
    return models
  }
  return {
    async routes() {
      if (cached && copilot.clock.now() - cached.at < ttlMs) return cached.models
      inFlight ??= fetchModels().finally(() => (inFlight = null))
      try {
        return await inFlight
      } catch (thrown) {
        if (cached) return cached.models
        throw thrown
      }
    },
  }
}

/** Which Copilot route serves a client speaking `format` with this model, or null. */
export function chooseUpstream(format: Endpoint, model: UpstreamModelInfo): Endpoint | null {
  // Passthrough first: the fewest changes to what the client sent.
  if (model.endpoints.includes(format)) return format
  for (const candidate of translatable[format]) {
    if (model.endpoints.includes(candidate)) return candidate
  }
  return null
}

/**
 * The translations that exist, best first. Chat completions is the pivot: Anthropic and
 * responses clients reach chat-only models (Gemini), chat and Anthropic clients reach
 * responses-only models (GPT-5, §0.2). Nothing translates *to* `/v1/messages`: every Claude model
 * also lists `/chat/completions`.
 */
const translatable: Record<Endpoint, Endpoint[]> = {
  chat_completions: ['responses'],
  messages: ['chat_completions', 'responses'],
  responses: ['chat_completions'],
}
