import { codeFiller, proseFiller } from './filler-text.ts'

/** One streamed chunk's token: `q` and six digits; filler text never holds a `q`. */
export const tokenPattern = /q(\d{6})/g

/**
 * An answer that the fake upstream, splitting it every `chunkSize` characters, streams as chunks
 * that each carry exactly one token, numbered from 1 in streaming order. Every chunk is exactly
 * `chunkSize` ASCII characters, so token `n` arrives with answer characters up to `n * chunkSize`.
 */
export type TokenAnswer = { text: string; chunkSize: number; tokens: number }

/**
 * `prose`: paragraphs of plain words (chunks of 20+ characters). `markdown`: headings,
 * paragraphs, lists and fenced code, with a fifth of the chunks inside code blocks
 * (chunks of 120+ characters).
 */
export type AnswerShape = 'prose' | 'markdown'

const token = (n: number) => `q${String(n).padStart(6, '0')}`

/** Builds one chunk: `head` + filler + `tail`, exactly `size` characters. */
function chunk(size: number, head: string, tail: string, fill: typeof proseFiller, seed: number) {
  const room = size - head.length - tail.length
  if (room < 0) throw new Error(`a ${size}-character chunk cannot hold "${head}…${tail}"`)
  return head + fill(room, seed) + tail
}

function proseChunk(n: number, size: number): string {
  // Paragraphs of eight chunks keep the blocks small, as model answers are.
  const endsParagraph = n % 8 === 0
  return chunk(size, `${token(n)} `, endsParagraph ? '.\n\n' : ' ', proseFiller, n)
}

// One cycle of 15 chunks: a heading, a paragraph, a list, a paragraph and a code block (3 of 15).
function markdownChunk(n: number, size: number): string {
  const t = token(n)
  const step = (n - 1) % 15
  if (step === 0) return chunk(size, `### Part ${t} `, '\n\n', proseFiller, n)
  if (step <= 4) return chunk(size, `${t} `, step === 4 ? '.\n\n' : ' ', proseFiller, n)
  if (step <= 7) return chunk(size, `- ${t} `, step === 7 ? '\n\n' : '\n', proseFiller, n)
  if (step <= 11) return chunk(size, `${t} `, step === 11 ? '.\n\n' : ' ', proseFiller, n)
  const head = step === 12 ? '```ts\n' : ''
  const tail = step === 14 ? '\n```\n\n' : '\n'
  return chunk(size, `${head}// ${t}\n`, tail, codeFiller, n)
}

/** An answer of `tokens` chunks of `chunkSize` characters each. */
export function buildTokenAnswer(options: {
  tokens: number
  chunkSize: number
  shape: AnswerShape
}): TokenAnswer {
  const { tokens, chunkSize, shape } = options
  if (tokens > 999_999) throw new Error('at most 999,999 tokens fit in six digits')
  const make = shape === 'prose' ? proseChunk : markdownChunk
  const parts: string[] = []
  for (let n = 1; n <= tokens; n++) parts.push(make(n, chunkSize))
  return { text: parts.join(''), chunkSize, tokens }
}

/** The tokens found in `text`, in order. */
export function tokensIn(text: string): number[] {
  return Array.from(text.matchAll(tokenPattern), (match) => Number(match[1]))
}
