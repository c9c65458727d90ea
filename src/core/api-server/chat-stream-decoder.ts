import { randomBytes } from 'node:crypto'
import { parseObject } from '../copilot/read-sse.ts'
import { isRecord } from './api-error.ts'
import {
  readChatUsage,
  type ChatChunk,
  type ChunkChoice,
  type PivotEvent,
  type ToolCallDelta,
  type UpstreamDecoder,
  upstreamErrorEvent,
} from './pivot.ts'

/** A fresh chat completion id in OpenAI's shape. */
export function chatCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('base64url')}`
}

type ChoiceState = { seen: boolean; toolIndexById: Map<string, number>; lastTool: number }

/**
 * Reads Copilot's `/chat/completions` stream (§7.2) into normalised chunks (§12):
 * - the first chunk with empty `choices` and only `prompt_filter_results` is dropped;
 * - `object`, `model`, a stable non-empty `id` and `created` are filled in where missing;
 * - `usage` (on the finishing chunk, on every Gemini chunk, or alone) leaves the chunks and is
 *   reported once, as the last one seen, so the client encoder can place it where asked;
 * - tool calls are keyed by `id`, not `index` (§7.3: Claude repeats `index: 0` for a second call
 *   and may start at 1): a new id gets the next index, a delta without one extends the latest;
 * - with one choice asked (`n` 1), every choice is choice 0 (Claude splits text and tool calls);
 * - a choice's first delta carries `role`, and `stop` with tool calls reads `tool_calls`.
 * `[DONE]` or a finish reason ends the answer; a `data:` chunk with `error` is a failure (§11.1).
 */
export function createChatStreamDecoder(options: { model: string; n?: number }): UpstreamDecoder {
  let id = ''
  let created = 0
  let usage: ReturnType<typeof readChatUsage>
  let finished = false
  const single = (options.n ?? 1) <= 1
  const choices = new Map<number, ChoiceState>()

  function normaliseChoice(choice: ChunkChoice) {
    choice.index = single ? 0 : typeof choice.index === 'number' ? choice.index : 0
    let state = choices.get(choice.index)
    if (!state) {
      state = { seen: false, toolIndexById: new Map(), lastTool: -1 }
      choices.set(choice.index, state)
    }
    const delta = isRecord(choice.delta) ? choice.delta : (choice.delta = {})
    if (!state.seen) {
      state.seen = true
      if (!delta.role) delta.role = 'assistant'
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) rekeyToolCall(call, state)
    }
    if (choice.finish_reason) {
      finished = true
      if (choice.finish_reason === 'stop' && state.toolIndexById.size > 0) {
        choice.finish_reason = 'tool_calls'
      }
    }
  }

  function rekeyToolCall(call: ToolCallDelta, state: ChoiceState) {
    if (typeof call.id === 'string' && call.id !== '') {
      let index = state.toolIndexById.get(call.id)
      if (index === undefined) {
        index = state.toolIndexById.size
        state.toolIndexById.set(call.id, index)
        call.type ??= 'function'
      }
      state.lastTool = index
      call.index = index
      return
    }
    delete call.id
    call.index = Math.max(state.lastTool, 0)
  }

  return {
    message(_event, data, emit: (event: PivotEvent) => void) {
      if (data === '[DONE]') return (finished = true)
      const parsed = parseObject(data)
      if (!parsed) return false
      if (parsed.error !== undefined) {
        emit(upstreamErrorEvent(isRecord(parsed.error) ? parsed.error : {}))
        return (finished = true)
      }
      const chunkUsage = readChatUsage(parsed.usage)
      if (chunkUsage) usage = chunkUsage
      delete parsed.usage
      if (!id && typeof parsed.id === 'string' && parsed.id) id = parsed.id
      if (!created && typeof parsed.created === 'number' && parsed.created > 0) {
        created = parsed.created
      }
      const list = parsed.choices
      if (Array.isArray(list) && list.length > 0) {
        id ||= chatCompletionId()
        created ||= Math.floor(Date.now() / 1000)
        const chunk = parsed as ChatChunk
        chunk.id = id
        chunk.object = 'chat.completion.chunk'
        chunk.created = created
        if (typeof chunk.model !== 'string' || chunk.model === '') chunk.model = options.model
        for (const choice of chunk.choices) normaliseChoice(choice)
        emit({ kind: 'chunk', chunk })
      }
      return false
    },
    end(emit: (event: PivotEvent) => void) {
      if (usage) emit({ kind: 'usage', usage })
      return finished
    },
  }
}
