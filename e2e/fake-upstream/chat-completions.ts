import { admitAnswerRequest, type TurnReading } from './answer-gate.ts'
import { hasImage, lastUserText, promptTokens } from './chat-answer.ts'
import { chatCompletionBody, type ChatMaterial } from './chat-shapes.ts'
import { streamCompletion } from './chat-stream.ts'
import { sendCopilotError } from './copilot-gate.ts'
import { sendJson } from './http-io.ts'
import type { RouteContext } from './route.ts'
import { chatToolResult, declaredTools, planToolTurn } from './tool-plan.ts'

/** §7.1: a non-empty `messages` list. */
function readChatTurn(body: Record<string, unknown>): TurnReading {
  const messages = body['messages']
  if (!Array.isArray(messages) || messages.length === 0) {
    return { error: 'messages: must be a non-empty array', param: 'messages' }
  }
  return {
    turn: {
      prompt: promptTokens(messages),
      lastUserText: lastUserText(messages),
      hasImage: hasImage(messages),
    },
  }
}

/** `POST /chat/completions` (§7): GPT, Claude and Gemini each in their own stream shape. */
export async function createChatCompletion(ctx: RouteContext): Promise<void> {
  const admitted = admitAnswerRequest(ctx, {
    endpoint: '/chat/completions',
    reply: sendCopilotError,
    readTurn: readChatTurn,
  })
  if (admitted === undefined) return
  const { scenario } = ctx.state
  const messages = admitted.body['messages'] as unknown[]
  const plan = planToolTurn({
    declared: declaredTools(admitted.body['tools'], true),
    lastUserText: admitted.turn.lastUserText,
    toolResult: chatToolResult(messages),
    idPrefix: admitted.model.family === 'claude' ? 'toolu_' : 'call_',
  })
  const material: ChatMaterial = {
    model: admitted.model,
    answer: plan?.kind === 'text' ? plan.answer : admitted.answer,
    ...(plan?.kind === 'call' ? { toolCall: plan.call } : {}),
    reasoning: scenario.reasoning,
    prompt: admitted.turn.prompt,
    chunkSize: scenario.chunkSize,
  }
  if (admitted.body['stream'] === true) {
    await streamCompletion(ctx, material, admitted.headers)
    return
  }
  sendJson(ctx.res, 200, chatCompletionBody(material), admitted.headers)
}
