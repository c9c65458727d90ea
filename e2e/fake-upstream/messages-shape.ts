import { estimateTokens } from './chat-answer.ts'
import { createOpaqueId } from './ids.ts'
import type { ModelFacts } from './model-facts.ts'

/** What one `/v1/messages` answer is made of (§9). */
export type MessagesMaterial = {
  model: ModelFacts
  answer: string
  reasoning: string
  prompt: number
  chunkSize: number
  /** The body asked for thinking in a form the model supports. */
  thinks: boolean
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
  state: { content: unknown[]; stopReason: 'end_turn' | null; outputTokens: number },
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
  const text = { type: 'text', text: m.answer }
  if (!m.thinks) return [text]
  return [{ type: 'thinking', thinking: m.reasoning, signature: createThinkingSignature() }, text]
}
