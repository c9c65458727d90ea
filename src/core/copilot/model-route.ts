import { z } from 'zod'

/** The three Copilot routes an answer can take (copilot-protocol.md §5.1, §7, §8, §9). */
export type Endpoint = 'chat_completions' | 'responses' | 'messages'

/**
 * The route for a model (copilot-protocol.md §6.2): `/responses` when listed (VS Code prefers it
 * even when `/chat/completions` is listed too), else `/v1/messages`, else `/chat/completions`;
 * null when none of the three is listed. A model without `supported_endpoints` is a legacy one:
 * opencode's fallback sends `gpt-N` (N ≥ 5, except `gpt-5-mini`) to `/responses`, the rest to
 * `/chat/completions`.
 */
export function chooseEndpoint(
  supportedEndpoints: readonly string[] | undefined,
  modelId: string,
): Endpoint | null {
  if (supportedEndpoints) {
    if (supportedEndpoints.includes('/responses')) return 'responses'
    if (supportedEndpoints.includes('/v1/messages')) return 'messages'
    if (supportedEndpoints.includes('/chat/completions')) return 'chat_completions'
    return null
  }
  const id = modelId.toLowerCase()
  const generation = /^gpt-(\d+)/.exec(id)?.[1]
  if (generation && Number(generation) >= 5 && !id.startsWith('gpt-5-mini')) return 'responses'
  return 'chat_completions'
}

/** Everything about a model that shapes an answer request: where it goes and what it may ask. */
export type ModelRoute = {
  id: string
  endpoint: Endpoint
  /** `capabilities.supports.streaming`; false means the request is sent with `stream: false`. */
  streaming: boolean
  /** `capabilities.limits.max_output_tokens`. */
  maxOutputTokens?: number
  /** `capabilities.limits.max_non_streaming_output_tokens`: the lower cap for `stream: false`. */
  maxNonStreamingOutputTokens?: number
  /** `capabilities.supports.reasoning_effort`, e.g. `["low", "medium", "high"]`. */
  reasoningEfforts?: string[]
  /** `capabilities.supports.adaptive_thinking` (Claude: `thinking: {type: "adaptive"}`). */
  adaptiveThinking?: boolean
  /** `capabilities.supports.min_thinking_budget` / `max_thinking_budget`. */
  thinkingBudget?: { min: number; max: number }
}

/** A field of a `/models` item that is absent, null or of an unexpected shape reads as absent. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(undefined)
}

const positive = optional(z.number().int().positive())

const routedModelSchema = z.object({
  id: z.string().min(1),
  supported_endpoints: optional(z.array(z.string())),
  capabilities: optional(
    z.object({
      limits: optional(
        z.object({
          max_output_tokens: positive,
          max_non_streaming_output_tokens: positive,
        }),
      ),
      supports: optional(
        z.object({
          streaming: optional(z.boolean()),
          reasoning_effort: optional(z.array(z.string())),
          adaptive_thinking: optional(z.boolean()),
          min_thinking_budget: positive,
          max_thinking_budget: positive,
        }),
      ),
    }),
  ),
})

/**
 * The route of one raw `/models` item (copilot-protocol.md §6.1), or null when the item is not a
 * model or lists none of the three answer endpoints. Unknown or malformed capability fields are
 * left out rather than failing the model.
 */
export function modelRouteFrom(item: unknown): ModelRoute | null {
  const parsed = routedModelSchema.safeParse(item)
  if (!parsed.success) return null
  const model = parsed.data
  const endpoint = chooseEndpoint(model.supported_endpoints ?? undefined, model.id)
  if (!endpoint) return null
  const limits = model.capabilities?.limits
  const supports = model.capabilities?.supports
  const min = supports?.min_thinking_budget
  const max = supports?.max_thinking_budget
  return {
    id: model.id,
    endpoint,
    streaming: supports?.streaming ?? true,
    ...(limits?.max_output_tokens ? { maxOutputTokens: limits.max_output_tokens } : {}),
    ...(limits?.max_non_streaming_output_tokens
      ? { maxNonStreamingOutputTokens: limits.max_non_streaming_output_tokens }
      : {}),
    ...(supports?.reasoning_effort?.length
      ? { reasoningEfforts: [...supports.reasoning_effort] }
      : {}),
    ...(supports?.adaptive_thinking ? { adaptiveThinking: true } : {}),
    ...(min && max && min <= max ? { thinkingBudget: { min, max } } : {}),
  }
}
