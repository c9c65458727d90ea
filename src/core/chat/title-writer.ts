import { toAppError } from '../../shared/errors.ts'
import { streamAnswer } from '../copilot/answer-stream.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import type { ModelService } from '../models/model-service.ts'
import type { Log } from '../ports.ts'

/** What the small model is asked; short, so titles cost little and arrive fast. */
export const titleInstruction =
  'Write a title of at most six words for the conversation below. Reply with the title only: no quotes, no trailing punctuation.'

/** The most of the exchange the small model reads: a title needs the gist, not every word. */
const maxExcerpt = 2_000
/** The longest title kept; the sidebar shows about this much. */
const maxTitleLength = 80

export type TitleWriterDeps = {
  copilot: CopilotDeps
  models: Pick<ModelService, 'smallModelId' | 'route'>
  log: Log
}

/**
 * Names a conversation after its first exchange with the small model (issue 5 §3, config
 * `smallModel`). The request is billed `agent` (§5.3): a title is not something the person asked
 * for. Resolves to null when no small model is usable or the request fails; the prompt's first
 * words stay the title then, which is a fine title.
 */
export async function writeTitle(
  deps: TitleWriterDeps,
  exchange: { prompt: string; answer: string },
  signal: AbortSignal,
): Promise<string | null> {
  try {
    const modelId = await deps.models.smallModelId()
    if (!modelId) return null
    const route = await deps.models.route(modelId)
    let text = ''
    await streamAnswer(
      deps.copilot,
      {
        route,
        initiator: 'agent',
        signal,
        showReasoning: false,
        messages: [
          { role: 'system', content: titleInstruction },
          {
            role: 'user',
            content: `Person: ${excerpt(exchange.prompt)}\n\nAssistant: ${excerpt(exchange.answer)}`,
          },
        ],
      },
      (event) => {
        if (event.type === 'text') text += event.text
      },
    )
    return cleanTitle(text)
  } catch (thrown) {
    if (!signal.aborted) {
      deps.log.warn('could not write a title', { error: toAppError(thrown).message })
    }
    return null
  }
}

function excerpt(text: string): string {
  return text.length <= maxExcerpt ? text : `${text.slice(0, maxExcerpt)}…`
}

/** The model's reply as a title: one line, no wrapping quotes or markdown, no final period. */
export function cleanTitle(reply: string): string | null {
  const line = reply
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0)
  if (!line) return null
  const unwrap = (text: string) => text.replace(/^[#*_`"'“”‘’\s]+|[*_`"'“”‘’\s]+$/g, '')
  const title = unwrap(unwrap(line).replace(/^title:\s*/i, ''))
    .replace(/[.。!]+$/, '')
    .trim()
  if (!title) return null
  return title.length <= maxTitleLength ? title : `${title.slice(0, maxTitleLength - 1).trimEnd()}…`
}
