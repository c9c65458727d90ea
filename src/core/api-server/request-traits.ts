import type { Endpoint } from '../copilot/model-route.ts'
import { isRecord } from './api-error.ts'

/**
 * Billing (§5.3) for a request the proxy cannot ask a person about: opencode's heuristic. `agent`
 * when the last message is not the user's (a tool result, an assistant prefill), and, for
 * Anthropic bodies, when the last user message holds only `tool_result` blocks; else `user`.
 */
export function initiatorOf(format: Endpoint, body: Record<string, unknown>): 'user' | 'agent' {
  if (format === 'responses') {
    const input = body.input
    if (typeof input === 'string') return 'user'
    const last = Array.isArray(input) ? input.at(-1) : undefined
    // A `function_call_output` item has no role: it answers a tool call.
    return isRecord(last) && last.role === 'user' ? 'user' : 'agent'
  }
  const messages = Array.isArray(body.messages) ? body.messages : []
  const last = messages.at(-1)
  if (!isRecord(last) || last.role !== 'user') return 'agent'
  if (format === 'messages' && Array.isArray(last.content) && last.content.length > 0) {
    const onlyToolResults = last.content.every(
      (block) => isRecord(block) && block.type === 'tool_result',
    )
    if (onlyToolResults) return 'agent'
  }
  return 'user'
}

// §0.4: image parts as the three formats name them.
const imagePartTypes = new Set(['image_url', 'input_image', 'image'])

/**
 * Whether any message carries an image, so the request needs `Copilot-Vision-Request` (§5.2).
 * Looks one level into parts and into Anthropic `tool_result` content.
 */
export function hasImages(format: Endpoint, body: Record<string, unknown>): boolean {
  const items = format === 'responses' ? body.input : body.messages
  if (!Array.isArray(items)) return false
  return items.some((item) => isRecord(item) && partsHaveImage(item.content))
}

function partsHaveImage(content: unknown): boolean {
  if (!Array.isArray(content)) return false
  return content.some(
    (part) =>
      isRecord(part) &&
      (imagePartTypes.has(String(part.type)) ||
        (part.type === 'tool_result' && partsHaveImage(part.content))),
  )
}
