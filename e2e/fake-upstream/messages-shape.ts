import { estimateTokens } from './chat-answer.ts'
import { createOpaqueId } from './ids.ts'
import type { ModelFacts } from './model-facts.ts'
import type { ToolCall } from './tool-plan.ts'

/** What one `/v1/messages` answer is made of (§9). */
export type MessagesMaterial = {
  model: ModelFacts
  answer: string
  reasoning: string
  prompt: number
  chunkSize: number
  /** The body asked for thinking in a form the model supports. */
  thinks: boolean
  /** Answer with this `tool_use` block instead of text (§9). */
  toolCall?: ToolCall
}

/** §9: the stop reason of a finished answer. */
export function stopReasonOf(m: MessagesMaterial): 'end_turn' | 'tool_use' {
  return m.toolCall === undefined ? 'end_turn' : 'tool_use'
}

/** A `tool_use` block; streaming opens it with an empty `input`. */
export function toolUseBlock(call: ToolCall, done: boolean) {
  const input: unknown = done ? JSON.parse(call.arguments) : {}
  return { type: 'tool_use', id: call.id, name: call.name, input }
}

export function outputTokens(m: MessagesMaterial): number {
  return estimateTokens(m.answer) + (m.thinks ? estimateTokens(m.reasoning) : 0)
}

/** §9 (real capture): usage carries both cache counters, zero when nothing was cached. */
export function inputUsage(m: MessagesMaterial) {
  return { input_tokens: m.prompt, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
}

/** A thinking block's signature: opaque, to be sent back unchanged with the block. */
export function createThinkingSignature(): string {
  return createOpaqueId(180)
}

/** The `message` object; streaming sends it empty in `message_start`, `stream:false` in full. */
export function messageObject(
  m: MessagesMaterial,
  id: string,
  state: { content: unknown[]; stopReason: 'end_turn' | 'tool_use' | null; outputTokens: number },
) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: m.model.version,
    content: state.content,
    stop_reason: state.stopReason,
    stop_sequence: null,
    usage: { ...inputUsage(m), output_tokens: state.outputTokens },
    // §9 (real capture): Copilot adds this field.
    context_management: { applied_edits: [] },
  }
}

/** The finished content blocks: thinking (when asked and supported), then text. */
export function finishedContent(m: MessagesMaterial): unknown[] {
  const text =
    m.toolCall === undefined ? { type: 'text', text: m.answer } : toolUseBlock(m.toolCall, true)
  if (!m.thinks) return [text]
  return [{ type: 'thinking', thinking: m.reasoning, signature: createThinkingSignature() }, text]
}
