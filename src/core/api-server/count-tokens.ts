import { isRecord } from './api-error.ts'

// A rough figure for one image; Anthropic documents about (width × height) / 750, capped near it.
const imageTokens = 1600
// Role markers and separators around each message.
const messageOverhead = 4

/**
 * An honest estimate of a Messages request's input tokens for `/v1/messages/count_tokens`:
 * about four characters a token over the system prompt, the text, tool calls and tool results of
 * every message, and the tool definitions, plus a fixed figure per image. Copilot has no
 * counting route and the models' own tokenizers are not public, so this is not the number the
 * model will bill; clients use it to decide when to compact, which an estimate serves.
 */
export function estimateInputTokens(request: Record<string, unknown>): number {
  let characters = textLength(request.system)
  let images = 0
  let overhead = 0
  for (const message of Array.isArray(request.messages) ? request.messages : []) {
    if (!isRecord(message)) continue
    overhead += messageOverhead
    const counted = contentSize(message.content)
    characters += counted.characters
    images += counted.images
  }
  if (Array.isArray(request.tools)) characters += JSON.stringify(request.tools).length
  return Math.ceil(characters / 4) + images * imageTokens + overhead
}

function contentSize(content: unknown): { characters: number; images: number } {
  if (typeof content === 'string') return { characters: content.length, images: 0 }
  let characters = 0
  let images = 0
  for (const block of Array.isArray(content) ? content : []) {
    if (!isRecord(block)) continue
    if (block.type === 'image') images += 1
    else if (block.type === 'tool_use') characters += JSON.stringify(block.input ?? {}).length
    else if (block.type === 'tool_result') {
      const nested = contentSize(block.content)
      characters += nested.characters
      images += nested.images
    } else characters += textLength(block.text) + textLength(block.thinking)
  }
  return { characters, images }
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length
  if (!Array.isArray(value)) return 0
  return value.reduce<number>(
    (sum, block) =>
      sum + (isRecord(block) && typeof block.text === 'string' ? block.text.length : 0),
    0,
  )
}
