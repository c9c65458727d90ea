import { z } from 'zod'
import type { Model } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { readJson } from '../http.ts'
import { copilotError, copilotFetch, type CopilotDeps } from './copilot-request.ts'

/** One `/models` item, as far as the chat picker needs it (copilot-protocol.md §6.1). */
const upstreamModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  vendor: z.string().default('Unknown'),
  preview: z.boolean().default(false),
  model_picker_enabled: z.boolean().default(false),
  is_chat_default: z.boolean().default(false),
  policy: z.object({ state: z.string() }).optional(),
  billing: z.object({ multiplier: z.number().optional() }).optional(),
  supported_endpoints: z.array(z.string()).optional(),
  capabilities: z.object({
    type: z.string(),
    limits: z.object({ max_context_window_tokens: z.number().optional() }).optional(),
    supports: z
      .object({ vision: z.boolean().optional(), tool_calls: z.boolean().optional() })
      .optional(),
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
    model.model_picker_enabled &&
    (model.policy === undefined || model.policy.state === 'enabled') &&
    (model.supported_endpoints === undefined ||
      model.supported_endpoints.includes('/chat/completions'))
  )
}

function toModel(model: UpstreamModel): Model {
  const limits = model.capabilities.limits
  const multiplier = model.billing?.multiplier
  return {
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    preview: model.preview,
    isChatDefault: model.is_chat_default,
    supportsVision: model.capabilities.supports?.vision ?? false,
    supportsTools: model.capabilities.supports?.tool_calls ?? false,
    ...(limits?.max_context_window_tokens
      ? { contextWindow: limits.max_context_window_tokens }
      : {}),
    ...(multiplier === undefined ? {} : { multiplier }),
  }
}
