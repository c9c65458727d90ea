import { sendAnthropicError } from './anthropic-error.ts'
import { admitAnswerRequest, type TurnReading } from './answer-gate.ts'
import { hasImage, lastUserText, promptTokens, textOf } from './chat-answer.ts'
import { sendJson } from './http-io.ts'
import { createMessageId } from './ids.ts'
import {
  finishedContent,
  messageObject,
  outputTokens,
  stopReasonOf,
  type MessagesMaterial,
} from './messages-shape.ts'
import { streamMessage } from './messages-stream.ts'
import type { ModelFacts } from './model-facts.ts'
import { asRecord } from './records.ts'
import type { RouteContext } from './route.ts'
import { declaredTools, messagesToolResult, planToolTurn } from './tool-plan.ts'

// Anthropic's smallest thinking budget.
const minThinkingBudget = 1024

function fail(error: string, param: string): TurnReading {
  return { error, param }
}

/** Anthropic's body rules for `thinking: {type:"enabled", budget_tokens}` (§9). */
function readThinking(body: Record<string, unknown>, maxTokens: number): TurnReading | undefined {
  const thinking = asRecord(body['thinking'])
  if (thinking['type'] !== 'enabled') return undefined
  const budget = thinking['budget_tokens']
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < minThinkingBudget) {
    const rule = `greater than or equal to ${minThinkingBudget}`
    return fail(`thinking.enabled.budget_tokens: Input should be ${rule}`, 'thinking.budget_tokens')
  }
  if (budget >= maxTokens) {
    return fail('`max_tokens` must be greater than `thinking.budget_tokens`', 'max_tokens')
  }
  return undefined
}

/**
 * The Messages API's body rules (§9): `max_tokens` is required, `messages` is a non-empty list of
 * `user`/`assistant` turns, and a system prompt goes in the top-level `system`, never in a message.
 */
function readMessagesTurn(body: Record<string, unknown>): TurnReading {
  const maxTokens = body['max_tokens']
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return fail('max_tokens: Field required', 'max_tokens')
  }
  const messages = body['messages']
  if (!Array.isArray(messages) || messages.length === 0) {
    return fail('messages: at least one message is required', 'messages')
  }
  for (const [index, message] of messages.entries()) {
    const role = asRecord(message)['role']
    if (role === 'system') {
      return fail(
        `messages.${index}.role: Unexpected role "system". The Messages API accepts a ` +
          'top-level `system` parameter, not "system" as an input message role.',
        `messages.${index}.role`,
      )
    }
    if (role !== 'user' && role !== 'assistant') {
      return fail(
        `messages.${index}.role: Input should be 'user' or 'assistant'`,
        `messages.${index}.role`,
      )
    }
  }
  const system = body['system']
  if (system !== undefined && typeof system !== 'string' && !Array.isArray(system)) {
    return fail('system: Input should be a valid string or a list of text blocks', 'system')
  }
  const thinkingError = readThinking(body, maxTokens)
  if (thinkingError !== undefined) return thinkingError
  return {
    turn: {
      prompt: promptTokens(messages, textOf(system)),
      lastUserText: lastUserText(messages),
      hasImage: hasImage(messages),
    },
  }
}

/** §9: thinking follows the model's caps: `adaptive` or a budget; otherwise no thinking block. */
function thinks(body: Record<string, unknown>, model: ModelFacts): boolean {
  const type = asRecord(body['thinking'])['type']
  return (
    (type === 'adaptive' && model.adaptiveThinking) || (type === 'enabled' && model.budgetThinking)
  )
}

/** `POST /v1/messages` (§9): Anthropic's Messages API for models that list `/v1/messages`. */
export async function createMessage(ctx: RouteContext): Promise<void> {
  const admitted = admitAnswerRequest(ctx, {
    endpoint: '/v1/messages',
    reply: sendAnthropicError,
    readTurn: readMessagesTurn,
  })
  if (admitted === undefined) return
  const { scenario } = ctx.state
  const plan = planToolTurn({
    declared: declaredTools(admitted.body['tools'], false),
    lastUserText: admitted.turn.lastUserText,
    toolResult: messagesToolResult(admitted.body['messages'] as unknown[]),
    idPrefix: 'toolu_',
  })
  const material: MessagesMaterial = {
    model: admitted.model,
    answer: plan?.kind === 'text' ? plan.answer : admitted.answer,
    ...(plan?.kind === 'call' ? { toolCall: plan.call } : {}),
    reasoning: scenario.reasoning,
    prompt: admitted.turn.prompt,
    chunkSize: scenario.chunkSize,
    thinks: thinks(admitted.body, admitted.model),
  }
  if (admitted.body['stream'] === true) {
    await streamMessage(ctx, material, admitted.headers)
    return
  }
  sendJson(
    ctx.res,
    200,
    messageObject(material, createMessageId(), {
      content: finishedContent(material),
      stopReason: stopReasonOf(material),
      outputTokens: outputTokens(material),
    }),
    admitted.headers,
  )
}
