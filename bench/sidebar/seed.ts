import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSessionStore } from '../../src/core/sessions/session-store.ts'
import type { SessionExport } from '../../src/core/sessions/session-store.ts'
import { resolvePaths } from '../../src/core/settings/paths.ts'
import { proseFiller } from '../filler-text.ts'
import { progress } from '../progress.ts'
import { conversationMessage } from '../seed-conversation.ts'

/** How many short sessions the sidebar lists, besides the long one. */
export const listedSessions = 10_000
/** The long session: the newest, so it is at the top of the list. */
export const longSession = {
  title: 'Benchmark: 1,000 messages',
  messages: 1_000,
  chars: 1_000,
  codeShare: 0.2,
}
/** Text that ends the long session's last message, to tell when it is painted. */
export const longSessionEndMarker = 'End of the thousand-message session.'

const modelId = 'gpt-4.1'
const twoYears = 2 * 365 * 24 * 60 * 60 * 1000

type ExportedMessage = SessionExport['sessions'][number]['messages'][number]

function buildExport(now: number): string {
  const sessions: SessionExport['sessions'] = []
  const longStart = now - longSession.messages * 60_000
  const longMessages: ExportedMessage[] = []
  for (let i = 1; i <= longSession.messages; i++) {
    const text = conversationMessage(i, longSession.chars, longSession.codeShare)
    const content =
      i === longSession.messages
        ? `${text.slice(0, -longSessionEndMarker.length - 1)} ${longSessionEndMarker}`
        : text
    const role = i % 2 === 1 ? 'user' : 'assistant'
    longMessages.push({
      id: `long-${i}`,
      role,
      content,
      status: 'complete',
      ...(role === 'assistant' ? { modelId } : {}),
      createdAt: longStart + i * 60_000,
    })
  }
  sessions.push({
    id: 'sidebar-long',
    title: longSession.title,
    titleSource: 'person',
    modelId,
    createdAt: longStart,
    updatedAt: now,
    pinned: false,
    systemPrompt: '',
    messages: longMessages,
  })
  // Short sessions spread evenly over the last two years, newest first: every date group fills.
  for (let i = 1; i <= listedSessions; i++) {
    const updatedAt = now - Math.round((i * twoYears) / listedSessions)
    const count = 1 + (i % 3)
    const messages: ExportedMessage[] = []
    for (let j = 1; j <= count; j++) {
      const role = j % 2 === 1 ? 'user' : 'assistant'
      messages.push({
        id: `s${i}-m${j}`,
        role,
        content: `Message ${j} of session ${i}: ${proseFiller(40 + ((i * 7 + j * 13) % 120), i + j)}`,
        status: 'complete',
        ...(role === 'assistant' ? { modelId } : {}),
        createdAt: updatedAt - (count - j) * 30_000,
      })
    }
    sessions.push({
      id: `sidebar-${i}`,
      title: `Session ${i}: ${proseFiller(18 + (i % 24), i)}`.trim(),
      titleSource: 'prompt',
      modelId,
      createdAt: updatedAt - count * 30_000,
      updatedAt,
      pinned: false,
      systemPrompt: '',
      messages,
    })
  }
  const file: SessionExport = {
    app: 'LogAI',
    kind: 'sessions',
    version: 1,
    exportedAt: now,
    sessions,
  }
  return JSON.stringify(file)
}

const databaseFileIn = (dataDir: string) =>
  resolvePaths({ platform: process.platform, env: {}, home: dataDir, dataDir }).databaseFile

let template: Promise<string> | undefined

/** Seeds the history once per bench process (through the store's own import), into a template. */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logai-bench-sidebar-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    const started = performance.now()
    const file = databaseFileIn(dir)
    const { store } = await openSessionStore(file)
    try {
      const outcome = await store.importSessions(buildExport(Date.now()))
      if (outcome.imported !== listedSessions + 1) {
        throw new Error(`seeding imported ${outcome.imported} sessions, not ${listedSessions + 1}`)
      }
    } finally {
      await store.close()
    }
    progress(
      `sidebar: seeded ${listedSessions + 1} sessions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    return file
  })()
  return template
}

/** A seed function for startBenchApp: 10,000 short sessions and one of 1,000 messages. */
export async function seedSidebar(dataDir: string): Promise<void> {
  const from = await seededTemplate()
  const to = databaseFileIn(dataDir)
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix)
  }
}
