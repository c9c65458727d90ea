import { admitAnswerRequest, type TurnReading } from './answer-gate.ts'
import { estimateTokens, hasImage, lastUserText, promptTokens } from './chat-answer.ts'
import { sendCopilotError } from './copilot-gate.ts'
import { sendJson } from './http-io.ts'
import type { ModelFacts } from './model-facts.ts'
import { asRecord } from './records.ts'
import {
  createResponsesIds,
  finishedOutput,
  responseObject,
  type ResponsesMaterial,
} from './responses-shape.ts'
import { streamResponse } from './responses-stream.ts'
import type { RouteContext } from './route.ts'
import { declaredTools, planToolTurn, responsesToolResult } from './tool-plan.ts'

/** §8.1: `input` is a non-empty item list or a plain string; `instructions` may carry system. */
function readResponsesTurn(body: Record<string, unknown>): TurnReading {
  const input = body['input']
  const instructions = typeof body['instructions'] === 'string' ? body['instructions'] : ''
  if (typeof input === 'string' && input !== '') {
    return {
      turn: {
        prompt:
          4 + estimateTokens(input) + (instructions === '' ? 0 : estimateTokens(instructions)),
        lastUserText: input,
        hasImage: false,
      },
    }
  }
  if (!Array.isArray(input) || input.length === 0) {
    return { error: 'input: must be a non-empty array or a string', param: 'input' }
  }
  return {
    turn: {
      prompt: promptTokens(input, instructions),
      lastUserText: lastUserText(input),
      hasImage: hasImage(input),
    },
  }
}

/** §8.1: a `reasoning.effort` must be one the model lists in `supports.reasoning_effort`. */
function checkReasoningEffort(body: Record<string, unknown>, model: ModelFacts) {
  const effort = asRecord(body['reasoning'])['effort']
  if (effort === undefined || model.reasoningEfforts.includes(String(effort))) return undefined
  return {
    error:
      `Unsupported value: 'reasoning.effort' does not support '${String(effort)}' ` +
      'with this model.',
    param: 'reasoning.effort',
    code: 'unsupported_value',
  }
}

/** `POST /responses` (§8), for the models whose `supported_endpoints` list it. */
export async function createResponse(ctx: RouteContext): Promise<void> {
  const admitted = admitAnswerRequest(ctx, {
    endpoint: '/responses',
    reply: sendCopilotError,
    readTurn: readResponsesTurn,
    checkModelOptions: checkReasoningEffort,
  })
  if (admitted === undefined) return
  const { body, model } = admitted
  const { scenario } = ctx.state
  const reasoning = body['reasoning'] === undefined ? null : asRecord(body['reasoning'])
  const include = Array.isArray(body['include']) ? body['include'] : []
  const reasons = model.reasoningEfforts.length > 0 && reasoning?.['effort'] !== 'none'
  const plan = planToolTurn({
    declared: declaredTools(body['tools'], false),
    lastUserText: admitted.turn.lastUserText,
    toolResult: responsesToolResult(body['input']),
    idPrefix: 'call_',
  })
  const material: ResponsesMaterial = {
    model,
    answer: plan?.kind === 'text' ? plan.answer : admitted.answer,
    ...(plan?.kind === 'call' ? { toolCall: plan.call } : {}),
    reasoning: scenario.reasoning,
    prompt: admitted.turn.prompt,
    chunkSize: scenario.chunkSize,
    reasons,
    // §8.2: Copilot often sends only the final reasoning item; the summary streams when asked.
    summarize:
      reasons && typeof reasoning?.['summary'] === 'string' && reasoning['summary'] !== 'none',
    encrypted: include.includes('reasoning.encrypted_content'),
    reasoningRequest: reasoning,
  }
  if (body['stream'] === true) {
    await streamResponse(ctx, material, admitted.headers)
    return
  }
  const ids = createResponsesIds()
  sendJson(
    ctx.res,
    200,
    responseObject(material, ids, Math.floor(Date.now() / 1000), {
      status: 'completed',
      output: finishedOutput(material, ids),
    }),
    admitted.headers,
  )
}
