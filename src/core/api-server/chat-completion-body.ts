import { isRecord } from './api-error.ts'
import { chatCompletionId } from './chat-stream-decoder.ts'

/**
 * Normalises a non-streamed Copilot `chat.completion` for OpenAI clients (§7.4, §12): with one
 * choice asked, Claude's split choices (text in one, tool calls in another, no `index`) merge into
 * one message; `object`, `id`, `model`, choice `index` and message `role` are filled in; the
 * random `padding` filler is dropped; `stop` with tool calls reads `tool_calls`.
 */
export function normaliseChatCompletion(
  body: Record<string, unknown>,
  options: { model: string; n?: number },
): Record<string, unknown> {
  const listed = Array.isArray(body.choices) ? body.choices.filter(isRecord) : []
  const choices = (options.n ?? 1) <= 1 && listed.length > 1 ? [mergeChoices(listed)] : listed
  choices.forEach((choice, position) => {
    choice.index =
      typeof choice.index === 'number' && listed.length === choices.length ? choice.index : position
    const message = isRecord(choice.message) ? choice.message : (choice.message = {})
    message.role ??= 'assistant'
    delete message.padding
    choice.logprobs ??= null
    const hasTools = Array.isArray(message.tool_calls) && message.tool_calls.length > 0
    if (hasTools && (choice.finish_reason === 'stop' || !choice.finish_reason)) {
      choice.finish_reason = 'tool_calls'
    }
    choice.finish_reason ??= 'stop'
  })
  return {
    ...body,
    id: typeof body.id === 'string' && body.id ? body.id : chatCompletionId(),
    object: 'chat.completion',
    created:
      typeof body.created === 'number' && body.created > 0
        ? body.created
        : Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' && body.model ? body.model : options.model,
    choices,
  }
}

function mergeChoices(choices: Record<string, unknown>[]): Record<string, unknown> {
  const texts: string[] = []
  const tools: unknown[] = []
  const extra: Record<string, unknown> = {}
  let finish: unknown = null
  for (const choice of choices) {
    const message = isRecord(choice.message) ? choice.message : {}
    if (typeof message.content === 'string' && message.content) texts.push(message.content)
    if (Array.isArray(message.tool_calls)) tools.push(...message.tool_calls)
    for (const key of ['reasoning_text', 'reasoning_opaque']) {
      if (message[key] !== undefined) extra[key] ??= message[key]
    }
    finish ??= choice.finish_reason ?? null
  }
  return {
    index: 0,
    message: {
      role: 'assistant',
      content: texts.length > 0 ? texts.join('') : null,
      ...extra,
      ...(tools.length > 0 ? { tool_calls: tools } : {}),
    },
    finish_reason: tools.length > 0 ? 'tool_calls' : finish,
  }
}
