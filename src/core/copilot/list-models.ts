import { z } from 'zod'
import type { Model, ModelAvailability } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { readJson, upstreamError } from '../http.ts'
import { planRestriction } from '../models/billing-plan.ts'
import { tokenPricesInUsd } from '../models/token-prices.ts'
import { copilotError, copilotFetch, type CopilotDeps } from './copilot-request.ts'
import { modelRouteFrom, type ModelRoute } from './model-route.ts'

/** One chat model of `/models`: what the picker shows, and how an answer reaches it. */
export type ListedModel = {
  model: Model
  route: ModelRoute
  /** `model_picker_enabled` (§6.2): offered in the picker. Others may still be named in config. */
  inPicker: boolean
}

/** A field that is absent, null or of an unexpected shape reads as absent, never as a broken model. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined)
}

const count = optional(z.number().int().positive())
const price = z.number().nonnegative()

const visionSchema = z.object({
  max_prompt_images: z.number().int().positive(),
  max_prompt_image_size: z.number().int().positive(),
  supported_media_types: z.array(z.string()),
})

const tokenPricesSchema = z.object({
  batch_size: z.number().positive(),
  default: z.object({
    input_price: price,
    output_price: price,
    cache_price: optional(price),
  }),
})

/**
 * One `/models` item, as far as the picker needs it (copilot-protocol.md §6.1). Only `id` and
 * `capabilities.type` are required; every other field may be missing, null or of a new shape.
 */
const upstreamModelSchema = z.object({
  id: z.string().min(1),
  name: optional(z.string().min(1)),
  vendor: optional(z.string().min(1)),
  preview: optional(z.boolean()),
  model_picker_enabled: optional(z.boolean()),
  model_picker_category: optional(z.string().min(1)),
  is_chat_default: optional(z.boolean()),
  policy: optional(z.object({ state: optional(z.string()), terms: optional(z.string()) })),
  billing: optional(
    z.object({
      multiplier: optional(z.coerce.number().nonnegative()),
      restricted_to: optional(z.array(z.string())),
      token_prices: optional(tokenPricesSchema),
    }),
  ),
  capabilities: z.object({
    type: z.string(),
    limits: optional(
      z.object({
        max_context_window_tokens: count,
        max_prompt_tokens: count,
        max_output_tokens: count,
        vision: optional(visionSchema),
      }),
    ),
    supports: optional(
      z.object({
        vision: optional(z.boolean()),
        tool_calls: optional(z.boolean()),
        reasoning_effort: optional(z.array(z.string())),
        thinking: optional(z.boolean()),
        adaptive_thinking: optional(z.boolean()),
        max_thinking_budget: count,
      }),
    ),
  }),
})
type UpstreamModel = z.infer<typeof upstreamModelSchema>

/**
 * `GET /models` (copilot-protocol.md §6) with `OpenAI-Intent: model-access`: the raw answer for
 * `readModels`. A refused answer throws an AppFailure a person can act on (§11.1), and so does
 * one without a `data` list (a proxy's HTML page), so a caller keeps the list it had.
 */
export async function requestModels(deps: CopilotDeps): Promise<unknown> {
  const response = await copilotFetch(deps, {
    method: 'GET',
    path: '/models',
    intent: 'model-access',
  })
  if (!response.ok) throw new AppFailure(await copilotError(response, deps.clock.now()))
  const body = await readJson(response)
  if (!hasDataList(body)) {
    throw new AppFailure(upstreamError(response, 'Copilot sent a model list LogAI cannot read.'))
  }
  return body
}

function hasDataList(body: unknown): body is { data: unknown[] } {
  return !!body && typeof body === 'object' && 'data' in body && Array.isArray(body.data)
}

/**
 * The chat models of a `/models` answer: `capabilities.type` chat and an answer endpoint this
 * app streams from (§6.2; responses-only and messages-only models included). Items are read
 * one by one and junk is skipped (§6); a repeated id keeps its first entry. `plan` is the
 * account's billing plan (`billingPlanOf`): models it is not in `restricted_to` for are listed
 * as `restricted`, and a policy that is not `enabled` lists the model as `needs_enable` (§10.1)
 * rather than hiding it.
 */
export function readModels(body: unknown, plan: string | null): ListedModel[] {
  const items = hasDataList(body) ? body.data : []
  const listed = new Map<string, ListedModel>()
  for (const item of items) {
    const parsed = upstreamModelSchema.safeParse(item)
    if (!parsed.success || parsed.data.capabilities.type !== 'chat') continue
    if (listed.has(parsed.data.id)) continue
    const route = modelRouteFrom(item)
    if (!route) continue
    listed.set(parsed.data.id, {
      model: toModel(parsed.data, plan),
      route,
      inPicker: parsed.data.model_picker_enabled === true,
    })
  }
  return [...listed.values()]
}

function toModel(model: UpstreamModel, plan: string | null): Model {
  const limits = model.capabilities.limits
  const supports = model.capabilities.supports
  const vision = limits?.vision
  const supportsVision =
    supports?.vision ?? vision?.supported_media_types.some((t) => t.startsWith('image/')) ?? false
  const multiplier = model.billing?.multiplier
  const prices = model.billing?.token_prices
  const tokenPrices = prices ? tokenPricesInUsd(prices) : undefined
  return {
    id: model.id,
    name: model.name ?? model.id,
    vendor: model.vendor ?? 'Other',
    preview: model.preview ?? false,
    isChatDefault: model.is_chat_default ?? false,
    ...(model.model_picker_category ? { category: model.model_picker_category } : {}),
    supportsVision,
    supportsTools: supports?.tool_calls ?? false,
    supportsReasoning:
      (supports?.reasoning_effort?.length ?? 0) > 0 ||
      supports?.thinking === true ||
      supports?.adaptive_thinking === true ||
      supports?.max_thinking_budget !== undefined,
    ...(limits?.max_context_window_tokens
      ? { contextWindow: limits.max_context_window_tokens }
      : {}),
    ...(limits?.max_prompt_tokens ? { maxPromptTokens: limits.max_prompt_tokens } : {}),
    ...(limits?.max_output_tokens ? { maxOutputTokens: limits.max_output_tokens } : {}),
    ...(multiplier === undefined || Number.isNaN(multiplier) ? {} : { multiplier }),
    ...(tokenPrices ? { tokenPrices } : {}),
    ...(supportsVision && vision
      ? {
          vision: {
            maxImages: vision.max_prompt_images,
            maxImageBytes: vision.max_prompt_image_size,
            mediaTypes: vision.supported_media_types,
          },
        }
      : {}),
    availability: availabilityOf(model, plan),
  }
}

/** A plan that lacks the model outranks a policy: enabling would not make it usable. */
function availabilityOf(model: UpstreamModel, plan: string | null): ModelAvailability {
  const reason = planRestriction(model.billing?.restricted_to ?? undefined, plan)
  if (reason) return { state: 'restricted', reason }
  const policy = model.policy
  // §6.1: no policy (or no state) means an always-on model; `disabled`, `pending`, … need consent.
  if (policy?.state && policy.state !== 'enabled') {
    return { state: 'needs_enable', ...(policy.terms ? { terms: policy.terms } : {}) }
  }
  return { state: 'ready' }
}
