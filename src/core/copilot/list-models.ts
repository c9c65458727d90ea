import { z } from 'zod'
import type { Model } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { readJson } from '../http.ts'
import { copilotError, copilotFetch, type CopilotDeps } from './copilot-request.ts'

/** A display field: a wrong type or a null is treated as absent, never as a broken model. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(undefined)
}

/**
 * One `/models` item, as far as the chat picker needs it (copilot-protocol.md §6.1). Only `id`
 * and `capabilities.type` are required; every other field may be missing, null or of a new shape.
 */
const upstreamModelSchema = z.object({
  id: z.string().min(1),
  name: optional(z.string().min(1)),
  vendor: optional(z.string().min(1)),
  preview: optional(z.boolean()),
  model_picker_enabled: optional(z.boolean()),
  is_chat_default: optional(z.boolean()),
  policy: optional(z.object({ state: z.string() })),
  billing: optional(z.object({ multiplier: optional(z.coerce.number()) })),
  supported_endpoints: optional(z.array(z.string())),
  capabilities: z.object({
    type: z.string(),
    limits: optional(z.object({ max_context_window_tokens: optional(z.number()) })),
    supports: optional(
      z.object({ vision: optional(z.boolean()), tool_calls: optional(z.boolean()) }),
    ),
  }),
})
type UpstreamModel = z.infer<typeof upstreamModelSchema>

/**
 * The chat models the picker offers: chat type, `model_picker_enabled`, policy enabled (§6.2),
 * and reachable through `/chat/completions` — the one endpoint this build streams from. A model
 * with no `supported_endpoints` is a legacy chat-completions model (§6.1).
 */
export async function listModels(deps: CopilotDeps): Promise<Model[]> {
  const response = await copilotFetch(deps, {
    method: 'GET',
    path: '/models',
    intent: 'model-access',
  })
  if (!response.ok) throw new AppFailure(await copilotError(response, deps.clock.now()))
  const body = await readJson(response)
  const items =
    body && typeof body === 'object' && 'data' in body && Array.isArray(body.data) ? body.data : []
  const models: Model[] = []
  for (const item of items) {
    // §6: parse per item and skip junk entries instead of failing the whole list.
    const parsed = upstreamModelSchema.safeParse(item)
    if (parsed.success && isPickable(parsed.data)) models.push(toModel(parsed.data))
  }
  return models
}

function isPickable(model: UpstreamModel): boolean {
  return (
    model.capabilities.type === 'chat' &&
    model.model_picker_enabled === true &&
    (model.policy == null || model.policy.state === 'enabled') &&
    (model.supported_endpoints == null || model.supported_endpoints.includes('/chat/completions'))
  )
}

function toModel(model: UpstreamModel): Model {
  const contextWindow = model.capabilities.limits?.max_context_window_tokens
  const multiplier = model.billing?.multiplier
  return {
    id: model.id,
    name: model.name ?? model.id,
    vendor: model.vendor ?? 'Other',
    preview: model.preview ?? false,
    isChatDefault: model.is_chat_default ?? false,
    supportsVision: model.capabilities.supports?.vision ?? false,
    supportsTools: model.capabilities.supports?.tool_calls ?? false,
    ...(contextWindow ? { contextWindow } : {}),
    ...(multiplier == null || Number.isNaN(multiplier) ? {} : { multiplier }),
  }
}
