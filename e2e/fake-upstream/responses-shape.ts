import { estimateTokens } from './chat-answer.ts'
import { createOpaqueId } from './ids.ts'
import type { ModelFacts } from './model-facts.ts'
import type { ToolCall } from './tool-plan.ts'

/** What one `/responses` answer is made of, decided from the body and the model (§8.1). */
export type ResponsesMaterial = {
  model: ModelFacts
  answer: string
  reasoning: string
  prompt: number
  chunkSize: number
  /** The model reasons (it lists `reasoning_effort` and the body did not ask for `none`). */
  reasons: boolean
  /** The body asked `reasoning.summary`, so the summary text streams. */
  summarize: boolean
  /** The body asked `include: ["reasoning.encrypted_content"]`. */
  encrypted: boolean
  /** What the body asked in `reasoning`, echoed on the response object. */
  reasoningRequest: Record<string, unknown> | null
  /** Answer with this function call instead of a message (§8.2). */
  toolCall?: ToolCall
}

/** §8.2 quirk: the response and each output item carry long opaque base64 ids. */
export type ResponsesIds = { response: string; reasoning: string; message: string }

export function createResponsesIds(): ResponsesIds {
  return { response: createOpaqueId(), reasoning: createOpaqueId(), message: createOpaqueId() }
}

export function reasoningItem(m: ResponsesMaterial, id: string, done: boolean) {
  return {
    id,
    type: 'reasoning',
    summary: done && m.summarize ? [{ type: 'summary_text', text: m.reasoning }] : [],
    ...(done && m.encrypted ? { encrypted_content: createOpaqueId(240) } : {}),
  }
}

export function outputText(text: string) {
  return { type: 'output_text', text, annotations: [], logprobs: [] }
}

export function messageItem(id: string, text: string | undefined) {
  return {
    id,
    type: 'message',
    status: text === undefined ? 'in_progress' : 'completed',
    role: 'assistant',
    content: text === undefined ? [] : [outputText(text)],
  }
}

/** §8.2: a `function_call` output item; `arguments` stays empty until it is done. */
export function functionCallItem(id: string, call: ToolCall, done: boolean) {
  return {
    id,
    type: 'function_call',
    status: done ? 'completed' : 'in_progress',
    call_id: call.id,
    name: call.name,
    arguments: done ? call.arguments : '',
  }
}

/**
 * The finished `output[]`: the reasoning item (when the model reasons), then the message or the
 * function call.
 */
export function finishedOutput(m: ResponsesMaterial, ids: ResponsesIds): unknown[] {
  const message =
    m.toolCall === undefined
      ? messageItem(ids.message, m.answer)
      : functionCallItem(ids.message, m.toolCall, true)
  return m.reasons ? [reasoningItem(m, ids.reasoning, true), message] : [message]
}

/** §8.2: `usage` of `response.completed`. */
export function responsesUsage(m: ResponsesMaterial) {
  const reasoningTokens = m.reasons ? estimateTokens(m.reasoning) : 0
  const outputTokens = estimateTokens(m.answer) + reasoningTokens
  return {
    input_tokens: m.prompt,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: m.prompt + outputTokens,
  }
}

/** The `response` object of `response.created`/`.completed`/`.failed` and of `stream:false`. */
export function responseObject(
  m: ResponsesMaterial,
  ids: ResponsesIds,
  createdAt: number,
  state: {
    status: 'in_progress' | 'completed' | 'failed'
    output: unknown[]
    error?: { code: string; message: string }
  },
) {
  return {
    id: ids.response,
    object: 'response',
    created_at: createdAt,
    status: state.status,
    model: m.model.version,
    output: state.output,
    usage: state.status === 'completed' ? responsesUsage(m) : null,
    error: state.error ?? null,
    incomplete_details: null,
    reasoning: m.reasoningRequest,
    // §8.2 (real capture): present on Copilot's responses.
    service_tier: 'priority',
    safety_identifier: 'fake-safety-identifier',
    store: false,
    parallel_tool_calls: true,
    tools: [],
  }
}
