import { parseObject } from '../copilot/read-sse.ts'
import { isRecord } from './api-error.ts'
import { chatCompletionId } from './chat-stream-decoder.ts'
import {
  upstreamErrorEvent,
  type ChatUsage,
  type ChunkDelta,
  type PivotEvent,
  type UpstreamDecoder,
} from './pivot.ts'

/** `usage` of a responses answer (§8.2) in chat-completions terms; absent when there is none. */
export function chatUsageFromResponses(value: unknown): ChatUsage | undefined {
  if (!isRecord(value)) return undefined
  const input = typeof value.input_tokens === 'number' ? value.input_tokens : undefined
  const output = typeof value.output_tokens === 'number' ? value.output_tokens : undefined
  if (input === undefined || output === undefined) return undefined
  const cached = isRecord(value.input_tokens_details) ? value.input_tokens_details.cached_tokens : 0
  const reasoning = isRecord(value.output_tokens_details)
    ? value.output_tokens_details.reasoning_tokens
    : 0
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: typeof cached === 'number' ? cached : 0 },
    completion_tokens_details: { reasoning_tokens: typeof reasoning === 'number' ? reasoning : 0 },
  }
}

/**
 * Reads a `/responses` stream (§8.2) into chat-completion chunks, for a chat or Anthropic client
 * talking to a responses-only model (GPT-5, §0.2). Text deltas become `content`, reasoning summary
 * deltas `reasoning_text`, each `function_call` item a tool call (its `call_id` is the tool call
 * id; arguments stream as they come, or whole from `output_item.done` when they did not).
 * `response.completed` ends it with `stop` or `tool_calls`; `response.incomplete` with `length` or
 * `content_filter`; `response.failed` and `error` are failures (§11.1).
 */
export function createResponsesStreamDecoder(options: { model: string }): UpstreamDecoder {
  let id = chatCompletionId()
  let created = Math.floor(Date.now() / 1000)
  let model = options.model
  let started = false
  let finished = false
  let usage: ChatUsage | undefined
  // Tool calls by `output_index`, numbered in the order they started.
  const tools = new Map<number, { index: number; streamed: boolean }>()

  const chunk = (delta: ChunkDelta, finish: string | null = null): PivotEvent => ({
    kind: 'chunk',
    chunk: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    },
  })

  function start(emit: (event: PivotEvent) => void, response: unknown) {
    if (started) return
    started = true
    if (isRecord(response)) {
      // §8.2 quirk: Copilot's response ids are long opaque strings; keep them, OpenAI-prefixed.
      if (typeof response.id === 'string' && response.id) id = `chatcmpl-${response.id}`
      if (typeof response.created_at === 'number') created = response.created_at
    }
    emit(chunk({ role: 'assistant', content: '' }))
  }

  function finish(emit: (event: PivotEvent) => void, reason: string, response: unknown) {
    finished = true
    usage = chatUsageFromResponses(isRecord(response) ? response.usage : undefined)
    emit(chunk({}, tools.size > 0 && reason === 'stop' ? 'tool_calls' : reason))
  }

  return {
    message(_event, data, emit) {
      const parsed = parseObject(data)
      if (!parsed) return false
      const type = parsed.type
      if (type === 'response.created' || type === 'response.in_progress') {
        if (isRecord(parsed.response) && typeof parsed.response.model === 'string') {
          model = parsed.response.model || model
        }
        start(emit, parsed.response)
        return false
      }
      start(emit, undefined)
      switch (type) {
        case 'response.output_text.delta':
          if (typeof parsed.delta === 'string' && parsed.delta) {
            emit(chunk({ content: parsed.delta }))
          }
          return false
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          if (typeof parsed.delta === 'string' && parsed.delta) {
            emit(chunk({ reasoning_text: parsed.delta }))
          }
          return false
        case 'response.output_item.added': {
          const item = parsed.item
          if (!isRecord(item) || item.type !== 'function_call') return false
          const index = tools.size
          const args = typeof item.arguments === 'string' ? item.arguments : ''
          tools.set(Number(parsed.output_index), { index, streamed: args !== '' })
          emit(
            chunk({
              tool_calls: [
                {
                  index,
                  id: String(item.call_id ?? item.id ?? ''),
                  type: 'function',
                  function: { name: String(item.name ?? ''), arguments: args },
                },
              ],
            }),
          )
          return false
        }
        case 'response.function_call_arguments.delta': {
          const tool = tools.get(Number(parsed.output_index))
          if (!tool || typeof parsed.delta !== 'string' || !parsed.delta) return false
          tool.streamed = true
          emit(
            chunk({ tool_calls: [{ index: tool.index, function: { arguments: parsed.delta } }] }),
          )
          return false
        }
        case 'response.output_item.done': {
          const tool = tools.get(Number(parsed.output_index))
          const item = parsed.item
          if (!tool || tool.streamed || !isRecord(item) || typeof item.arguments !== 'string') {
            return false
          }
          tool.streamed = true
          emit(
            chunk({ tool_calls: [{ index: tool.index, function: { arguments: item.arguments } }] }),
          )
          return false
        }
        case 'response.completed':
          finish(emit, 'stop', parsed.response)
          return true
        case 'response.incomplete': {
          const response = isRecord(parsed.response) ? parsed.response : {}
          const details = isRecord(response.incomplete_details) ? response.incomplete_details : {}
          finish(emit, details.reason === 'content_filter' ? 'content_filter' : 'length', response)
          return true
        }
        case 'response.failed':
        case 'error': {
          const response = isRecord(parsed.response) ? parsed.response : {}
          const error = isRecord(response.error)
            ? response.error
            : isRecord(parsed.error)
              ? parsed.error
              : parsed
          finished = true
          emit(upstreamErrorEvent(error))
          return true
        }
        default:
          return false
      }
    },
    end(emit) {
      if (usage) emit({ kind: 'usage', usage })
      return finished
    },
  }
}
