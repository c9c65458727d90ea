import { asRecord } from './records.ts'

// Text parts as chat completions and messages (`text`) and responses (`input_text`) name them.
const textPartTypes = new Set(['text', 'input_text'])
// §0.4: image parts as the three routes name them: chat `image_url`, responses `input_image`,
// messages `image`.
const imagePartTypes = new Set(['image_url', 'input_image', 'image'])

/** The text of a message's `content`: a string, or the text parts of a part list. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => asRecord(part))
    .filter((part) => textPartTypes.has(String(part['type'])) && typeof part['text'] === 'string')
    .map((part) => part['text'] as string)
    .join('\n')
}

/** The text of the last `role: user` item of a message (or responses input) list. */
export function lastUserText(messages: unknown[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = asRecord(messages[i])
    if (message['role'] === 'user') return textOf(message['content'])
  }
  return undefined
}

/** The scenario answer, or what follows `echo:` in the last user message (handy for tests). */
export function chooseAnswer(userText: string | undefined, fallback: string): string {
  const at = userText?.indexOf('echo:') ?? -1
  return userText === undefined || at === -1 ? fallback : userText.slice(at + 'echo:'.length).trim()
}

/** §0.4: any image part makes it a vision request. */
export function hasImage(messages: unknown[]): boolean {
  return messages.some((message) => {
    const content = asRecord(message)['content']
    return (
      Array.isArray(content) &&
      content.some((part) => imagePartTypes.has(String(asRecord(part)['type'])))
    )
  })
}

/** A rough count (≈4 characters a token) so usage numbers look plausible and grow with input. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

/** Prompt tokens of a message list, plus any instructions sent beside it (`system`). */
export function promptTokens(messages: unknown[], instructions = ''): number {
  return messages.reduce<number>(
    (sum, message) => sum + 4 + estimateTokens(textOf(asRecord(message)['content'])),
    instructions === '' ? 0 : estimateTokens(instructions),
  )
}

/** Splits on code points so a delta never carries half a surrogate pair. */
export function splitText(text: string, size: number): string[] {
  const chars = Array.from(text)
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''))
  return pieces
}

export function usageFor(prompt: number, completion: number, reasoning = 0) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
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
