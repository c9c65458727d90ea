import type { Message, Session } from '../../shared/contract.ts'

const when = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'

function heading(message: Message, modelNames: (id: string) => string | undefined): string {
  if (message.role === 'user') return '## You'
  const model = message.modelId ? (modelNames(message.modelId) ?? message.modelId) : undefined
  return model ? `## Copilot (${model})` : '## Copilot'
}

/** What the reader should know about an answer that did not end normally. */
function outcome(message: Message): string | null {
  switch (message.status) {
    case 'stopped':
      return '_Stopped before the end._'
    case 'interrupted':
      return '_Interrupted before the end._'
    case 'failed':
      return `_Failed: ${message.error?.message ?? 'Copilot could not answer.'}_`
    default:
      return null
  }
}

/**
 * A conversation as a Markdown document people can read anywhere: title, when and with which
 * model, the system prompt, then each turn under its own heading. Answers are already markdown;
 * the person's messages are too (people type markdown), so both are kept as written. Images
 * are named, not embedded: a Markdown file with megabytes of base64 is not readable.
 */
export function sessionMarkdown(
  session: Session,
  modelNames: (id: string) => string | undefined = () => undefined,
): string {
  const parts = [
    `# ${session.title}`,
    `_${when(session.createdAt)} · last message ${when(session.updatedAt)}_`,
  ]
  if (session.systemPrompt.trim())
    parts.push(`> **System prompt:** ${session.systemPrompt.trim().replace(/\n/g, '\n> ')}`)
  for (const message of session.messages) {
    parts.push(heading(message, modelNames))
    if (message.images?.length) parts.push(`_${message.images.length} image(s) attached_`)
    if (message.content) parts.push(message.content)
    const ended = outcome(message)
    if (ended) parts.push(ended)
  }
  return `${parts.join('\n\n')}\n`
}

/** A file name from a title: safe on every platform, recognisable, never empty. */
export function exportFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return `${base || 'conversation'}.${extension}`
}
