import {
  chooseAnswer,
  contentFilterResults,
  estimateTokens,
  hasImage,
  promptFilterResults,
  promptTokens,
  usageFor,
} from './chat-answer.ts'
import { answerWithFault } from './chat-fault.ts'
import { streamCompletion } from './chat-stream.ts'
import { requireCopilotAccess, sendCopilotError } from './copilot-gate.ts'
import { sendJson } from './http-io.ts'
import { createCompletionId } from './ids.ts'
import { findModel, type ModelFacts } from './model-catalog.ts'
import { premiumQuotaHeader } from './quota.ts'
import { asRecord } from './records.ts'
import { header, type RouteContext } from './route.ts'

const invalidRequest = { type: 'invalid_request_error' }

/** Validates the body against what the API enforces; answers the error and returns undefined. */
function acceptRequest(
  ctx: RouteContext,
): { body: Record<string, unknown>; messages: unknown[]; model: ModelFacts } | undefined {
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    sendCopilotError(
      ctx,
      400,
      'invalid request body: expected a JSON object',
      'invalid_request_body',
    )
    return undefined
  }
  const body = asRecord(ctx.body)
  const messages = body['messages']
  if (!Array.isArray(messages) || messages.length === 0) {
    sendCopilotError(ctx, 400, 'messages: must be a non-empty array', 'invalid_request_body', {
      param: 'messages',
      ...invalidRequest,
    })
    return undefined
  }
  const modelId = body['model']
  const model =
    typeof modelId === 'string' ? findModel(ctx.state.scenario.models, modelId) : undefined
  // §11.1: unknown, non-chat and not-yet-enabled (§6.1 policy) models all read "not supported".
  const isUsable =
    model !== undefined &&
    model.isChat &&
    (model.policyState === undefined || model.policyState === 'enabled')
  if (!isUsable) {
    sendCopilotError(ctx, 400, 'The requested model is not supported.', 'model_not_supported', {
      param: 'model',
      ...invalidRequest,
    })
    return undefined
  }
  // §0.2: absent supported_endpoints means a legacy chat model; a list without us means no.
  if (model.endpoints !== undefined && !model.endpoints.includes('/chat/completions')) {
    sendCopilotError(
      ctx,
      400,
      `model "${model.id}" is not accessible via the /chat/completions endpoint`,
      'unsupported_api_for_model',
    )
    return undefined
  }
  if (hasImage(messages) && header(ctx, 'copilot-vision-request') !== 'true') {
    sendCopilotError(
      ctx,
      400,
      'missing required Copilot-Vision-Request header for vision requests',
      'bad_request',
    )
    return undefined
  }
  return { body, messages, model }
}

/** `POST /chat/completions` (§7). */
export async function createChatCompletion(ctx: RouteContext): Promise<void> {
  if (requireCopilotAccess(ctx) === undefined) return
  const accepted = acceptRequest(ctx)
  if (accepted === undefined || answerWithFault(ctx)) return
  const { body, messages, model } = accepted
  const { scenario } = ctx.state

  // §5.3: anything but `agent` bills a premium request times the model multiplier.
  const initiator = (header(ctx, 'x-initiator') ?? '').toLowerCase()
  if (initiator !== 'agent') scenario.premiumUsed += model.multiplier
  const headers = { 'x-quota-snapshot-premium_interactions': premiumQuotaHeader(scenario) }

  const answer = chooseAnswer(messages, scenario.answer)
  const prompt = promptTokens(messages)
  if (body['stream'] === true) {
    await streamCompletion(ctx, answer, prompt, headers)
    return
  }
  // §7.4: the non-streaming shape, `padding` filler included.
  sendJson(
    ctx.res,
    200,
    {
      choices: [
        {
          finish_reason: 'stop',
          index: 0,
          content_filter_results: contentFilterResults,
          message: { content: answer, role: 'assistant', padding: 'abcdefghijklmnopqrstu' },
        },
      ],
      created: Math.floor(Date.now() / 1000),
      id: createCompletionId(),
      model: model.version,
      object: 'chat.completion',
      prompt_filter_results: promptFilterResults,
      system_fingerprint: 'fp_fake',
      usage: usageFor(prompt, estimateTokens(answer)),
    },
    headers,
  )
}
