import { openSessionStore, type SessionStore } from '../src/core/sessions/session-store.ts'
import { resolvePaths } from '../src/core/settings/paths.ts'
import { codeFiller, proseFiller } from './filler-text.ts'

/** Text in the conversation's first message, to tell when scrolling has reached its start. */
export const firstMessageMarker = 'Start of the benchmark conversation.'
/** Text in the conversation's last message, to tell when the conversation has opened. */
export const lastMessageMarker = 'End of the benchmark conversation.'

/** The model the seeded conversation was held with: the fake's chat default. */
const modelId = 'gpt-4.1'

/**
 * One message of exactly `chars` characters: a heading, seven paragraphs, a list and one fenced
 * code block holding `codeShare` of the characters. Every block names its message, so no two
 * blocks are equal and the renderer's per-block cache cannot make a long conversation look cheap.
 */
export function conversationMessage(index: number, chars: number, codeShare: number): string {
  const codeChars = Math.round(chars * codeShare)
  const codeHead = `\`\`\`ts\n// message ${index}\n`
  const codeTail = '\n```'
  const code =
    codeHead + codeFiller(codeChars - codeHead.length - codeTail.length, index) + codeTail
  const list = [1, 2, 3].map((n) => `- Item ${n} of message ${index}: ${proseFiller(60, n)}`)
  const blocks = (fillers: number[]) => {
    const paragraphs = fillers.map(
      (length, n) => `Message ${index}, paragraph ${n + 1}: ${proseFiller(length, index + n)}`,
    )
    return [
      `## Part ${index}`,
      ...paragraphs.slice(0, 2),
      list.join('\n'),
      paragraphs[2],
      code,
      ...paragraphs.slice(3),
    ].join('\n\n')
  }
  const room = chars - blocks([0, 0, 0, 0, 0, 0, 0]).length
  if (room < 7) throw new Error(`a ${chars}-character message is too short for its blocks`)
  const each = Math.floor(room / 7)
  return blocks([each, each, each, each, each, each, room - 6 * each])
}

/**
 * The store is moving to a worker thread: `openSessionStore` returns the store itself, or (with
 * the worker) a promise of `{ store, problem, persistent }`. Both are accepted so the benchmarks
 * run on either side of that change; once it has landed this is `(await open(path)).store`.
 */
async function openStore(path: string): Promise<SessionStore> {
  const opened: unknown = await openSessionStore(path)
  const isWrapped = typeof opened === 'object' && opened !== null && 'store' in opened
  return (isWrapped ? opened.store : opened) as SessionStore
}

/**
 * Writes one conversation of `messages` messages (alternately the person's and Copilot's) into
 * the database a web host started with `LOGAI_DATA_DIR=dataDir` will open.
 */
export async function seedConversation(options: {
  dataDir: string
  title: string
  messages: number
  chars: number
  codeShare: number
}): Promise<void> {
  const { databaseFile } = resolvePaths({
    platform: process.platform,
    env: {},
    home: options.dataDir,
    dataDir: options.dataDir,
  })
  const store = await openStore(databaseFile)
  try {
    const start = Date.now() - options.messages * 60_000
    const session = await store.createSession({
      title: options.title,
      modelId,
      now: start,
      systemPrompt: '',
    })
    for (let i = 1; i <= options.messages; i++) {
      const text = conversationMessage(i, options.chars, options.codeShare)
      const marker =
        i === 1 ? firstMessageMarker : i === options.messages ? lastMessageMarker : undefined
      // The marker replaces the message's last characters, so its length stays exact.
      const content = marker ? `${text.slice(0, -marker.length - 1)} ${marker}` : text
      const role = i % 2 === 1 ? 'user' : 'assistant'
      await store.addMessage({
        sessionId: session.id,
        role,
        content,
        status: 'complete',
        ...(role === 'assistant' ? { modelId } : {}),
        createdAt: start + i * 60_000,
      })
    }
    await store.touchSession(session.id, start + options.messages * 60_000, modelId)
  } finally {
    await store.close()
  }
}
