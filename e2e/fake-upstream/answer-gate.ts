import { chooseAnswer } from './chat-answer.ts'
import { answerWithFault, contextTooLong } from './chat-fault.ts'
import { requireCopilotAccess, type ErrorReply } from './copilot-gate.ts'
import { fakeUserBillingPlan } from './copilot-user.ts'
import { findModel, type ModelFacts } from './model-facts.ts'
import { premiumQuotaHeader } from './quota.ts'
import { asRecord } from './records.ts'
import { header, type RouteContext } from './route.ts'
import type { AnswerRoute } from './state.ts'

/** What the gate needs from a route's body, read by the route itself. */
export type Turn = {
  /** Estimated prompt tokens (§11.1 `max_prompt_tokens` is enforced on this). */
  prompt: number
  lastUserText: string | undefined
  hasImage: boolean
}

/** A route's verdict on its body: the turn, or a 400 naming the offending field. */
export type TurnReading = { turn: Turn } | { error: string; param: string }

/** One answer route's part in the shared rules. */
export type AnswerRouteRules = {
  endpoint: AnswerRoute
  /** The route's error envelope. */
  reply: ErrorReply
  readTurn: (body: Record<string, unknown>) => TurnReading
  /** Body rules that depend on the model (e.g. a reasoning effort it lists); a 400 when broken. */
  checkModelOptions?: (
    body: Record<string, unknown>,
    model: ModelFacts,
  ) => { error: string; param: string; code: string } | undefined
}

/** A request every shared rule let through; billing has been counted. */
export type AdmittedRequest = {
  body: Record<string, unknown>
  model: ModelFacts
  turn: Turn
  /** The scenario answer, or the `echo:` text of the last user message. */
  answer: string
  /** §11.3: the quota snapshot after this request's billing. */
  headers: Record<string, string>
}

const invalidRequest = { type: 'invalid_request_error' }

function isUsable(model: ModelFacts | undefined): model is ModelFacts {
  return (
    model !== undefined &&
    model.isChat &&
    // §6.1: a not-yet-enabled policy must be enabled first (§10.1).
    (model.policyState === undefined || model.policyState === 'enabled') &&
    (model.restrictedTo === undefined || model.restrictedTo.includes(fakeUserBillingPlan))
  )
}

/**
 * The rules `/chat/completions`, `/responses` and `/v1/messages` share, in the order the API
 * applies them: the Copilot gate (§5.2), the body, the model (exists, chat, policy, plan), the
 * route in its `supported_endpoints` (§0.2), vision (§0.4), the route's model-dependent options,
 * the prompt budget (§11.1), a forced fault, then premium billing (§5.3). Answers the error in
 * `reply`'s envelope and returns undefined when a rule fails.
 */
export function admitAnswerRequest(
  ctx: RouteContext,
  rules: AnswerRouteRules,
): AdmittedRequest | undefined {
  const { endpoint, reply, readTurn } = rules
  if (requireCopilotAccess(ctx, reply) === undefined) return undefined
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    reply(ctx, 400, 'invalid request body: expected a JSON object', 'invalid_request_body')
    return undefined
  }
  const body = asRecord(ctx.body)
  const reading = readTurn(body)
  if ('error' in reading) {
    reply(ctx, 400, reading.error, 'invalid_request_body', {
      param: reading.param,
      ...invalidRequest,
    })
    return undefined
  }
  const { turn } = reading

  const modelId = body['model']
  const model =
    typeof modelId === 'string' ? findModel(ctx.state.scenario.models, modelId) : undefined
  // §11.1: unknown, non-chat, not-yet-enabled and other-plan models all read "not supported".
  if (!isUsable(model)) {
    reply(ctx, 400, 'The requested model is not supported.', 'model_not_supported', {
      param: 'model',
      ...invalidRequest,
    })
    return undefined
  }
  // §0.2: absent supported_endpoints means a legacy chat model; a list without us means no.
  const endpoints = model.endpoints ?? ['/chat/completions']
  if (!endpoints.includes(endpoint)) {
    reply(
      ctx,
      400,
      `model "${model.id}" is not accessible via the ${endpoint} endpoint`,
      'unsupported_api_for_model',
    )
    return undefined
  }
  if (turn.hasImage && header(ctx, 'copilot-vision-request') !== 'true') {
    reply(
      ctx,
      400,
      'missing required Copilot-Vision-Request header for vision requests',
      'bad_request',
    )
    return undefined
  }
  if (turn.hasImage && !model.supportsVision) {
    reply(ctx, 400, `model "${model.id}" does not support image inputs`, 'invalid_request_body', {
      param: 'model',
      ...invalidRequest,
    })
    return undefined
  }
  const broken = rules.checkModelOptions?.(body, model)
  if (broken !== undefined) {
    reply(ctx, 400, broken.error, broken.code, { param: broken.param, ...invalidRequest })
    return undefined
  }
  const limit = model.maxPromptTokens
  if (limit !== undefined && turn.prompt > limit) {
    const error = contextTooLong(turn.prompt, limit)
    reply(ctx, 400, error.message, error.code, invalidRequest)
    return undefined
  }
  if (answerWithFault(ctx, reply, limit)) return undefined

  const { scenario } = ctx.state
  // §5.3: anything but `agent` (case-insensitive) bills a premium request times the multiplier.
  if ((header(ctx, 'x-initiator') ?? '').toLowerCase() !== 'agent') {
    scenario.premiumUsed += model.multiplier
  }
  return {
    body,
    model,
    turn,
    answer: chooseAnswer(turn.lastUserText, scenario.answer),
    headers: { 'x-quota-snapshot-premium_interactions': premiumQuotaHeader(scenario) },
  }
}
