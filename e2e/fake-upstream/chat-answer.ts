import { asRecord } from './records.ts'

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => asRecord(part))
    .filter((part) => part['type'] === 'text' && typeof part['text'] === 'string')
    .map((part) => part['text'] as string)
    .join('\n')
}

/** The scenario answer, or what follows `echo:` in the last user message (handy for tests). */
export function chooseAnswer(messages: unknown[], fallback: string): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = asRecord(messages[i])
    if (message['role'] !== 'user') continue
    const text = textOf(message['content'])
    const at = text.indexOf('echo:')
    return at === -1 ? fallback : text.slice(at + 'echo:'.length).trim()
  }
  return fallback
}

/** §0.4: any image part makes it a vision request. */
export function hasImage(messages: unknown[]): boolean {
  return messages.some((message) => {
    const content = asRecord(message)['content']
    return Array.isArray(content) && content.some((part) => asRecord(part)['type'] === 'image_url')
  })
}

/** A rough count (≈4 characters a token) so usage numbers look plausible and grow with input. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

export function promptTokens(messages: unknown[]): number {
  return messages.reduce<number>(
    (sum, message) => sum + 4 + estimateTokens(textOf(asRecord(message)['content'])),
    0,
  )
}

export function usageFor(prompt: number, completion: number) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

const safe = { filtered: false, severity: 'safe' }

/** Azure's per-category filter verdicts, as attached to prompts and choices (§7.2). */
export const contentFilterResults = { hate: safe, self_harm: safe, sexual: safe, violence: safe }

export const promptFilterResults = [
  { prompt_index: 0, content_filter_results: contentFilterResults },
]
