import { randomUUID } from 'node:crypto'
import { rmSync, statSync } from 'node:fs'
import { openDatabase } from '../../src/core/sessions/open-database.ts'
import { createRandom, createVocabulary, createWordSampler, writeText } from './fixture-text.ts'

/** What a generated history holds, and what the search benchmark needs to know about it. */
export type HistoryFixture = {
  path: string
  sessions: number
  messages: number
  /** The session of exactly `longSessionMessages` messages, for the open benchmark. */
  longSessionId: string
  longSessionMessages: number
  /** Most frequent first. */
  vocabulary: string[]
  /** Word runs taken from generated messages: phrases that certainly occur. */
  phrases: string[]
  generateMs: number
  bytes: number
}

export type FixtureOptions = {
  path: string
  sessions: number
  messages: number
  seed?: number
  /** Reports progress (to stderr). */
  progress?: (message: string) => void
}

const vocabularySize = 50_000
const longSessionMessages = 1_000
const year = 365 * 24 * 60 * 60 * 1000

/**
 * Writes a history of `sessions` sessions holding `messages` messages in all (alternately the
 * person's, 5–40 words, and the model's, 20–250 words), one of them `longSessionMessages` long,
 * spread over the last two years. The schema and search index are the app's own (it is opened
 * with `openDatabase`); the rows go in with prepared statements in one transaction, without a
 * journal, and the file is switched to WAL at the end as LogAI leaves it.
 */
export function generateFixture(options: FixtureOptions): HistoryFixture {
  const { path, sessions, progress = () => {} } = options
  const messages = Math.max(options.messages, longSessionMessages + sessions - 1)
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  const random = createRandom(options.seed ?? 5)
  const vocabulary = createVocabulary(vocabularySize, random)
  const sample = createWordSampler(vocabulary.length, random)
  const words = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const phrases: string[] = []

  const started = performance.now()
  const { db } = openDatabase(path)
  db.exec(`PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;`)
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, title_source, model_id, created_at, updated_at, system_prompt, pinned)
     VALUES (?, ?, ?, ?, ?, ?, '', ?)`,
  )
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, session_id, seq, role, content, status, model_id, created_at)
     VALUES (?, ?, ?, ?, ?, 'complete', ?, ?)`,
  )
  const models = ['gpt-4.1', 'claude-sonnet-4', 'gemini-2.5-pro', 'gpt-5-mini']
  const start = Date.now() - 2 * year
  const step = (2 * year) / sessions
  let longSessionId = ''
  let written = 0

  db.exec('BEGIN')
  for (let s = 0; s < sessions; s++) {
    const id = randomUUID()
    const count =
      s === 0
        ? longSessionMessages
        : Math.floor((messages - longSessionMessages) / (sessions - 1)) +
          (s <= (messages - longSessionMessages) % (sessions - 1) ? 1 : 0)
    if (s === 0) longSessionId = id
    const createdAt = Math.round(start + s * step)
    const model = models[s % models.length] as string
    const title = Array.from({ length: words(3, 6) }, () => vocabulary[100 + sample()]).join(' ')
    insertSession.run(
      id,
      title[0]?.toUpperCase() + title.slice(1),
      s % 3 === 0 ? 'model' : 'prompt',
      model,
      createdAt,
      createdAt + count * 60_000,
      s % 500 === 0 ? 1 : 0,
    )
    for (let m = 0; m < count; m++) {
      const isUser = m % 2 === 0
      const text = isUser
        ? writeText(words(5, 40), vocabulary, sample, random)
        : writeText(words(20, 250), vocabulary, sample, random)
      if (written % 5_000 === 0) {
        const tokens = text.replace(/[.,?]/g, '').split(' ')
        const length = 2 + (written % 2)
        const at = Math.floor(random() * Math.max(1, tokens.length - length))
        phrases.push(
          tokens
            .slice(at, at + length)
            .join(' ')
            .toLowerCase(),
        )
      }
      insertMessage.run(
        randomUUID(),
        id,
        m + 1,
        isUser ? 'user' : 'assistant',
        text,
        isUser ? null : model,
        createdAt + m * 60_000,
      )
      written++
      if (written % 100_000 === 0) progress(`fixture: ${written} of ${messages} messages`)
    }
  }
  db.exec('COMMIT')
  db.exec('PRAGMA journal_mode = WAL')
  db.close()
  const generateMs = performance.now() - started
  return {
    path,
    sessions,
    messages: written,
    longSessionId,
    longSessionMessages,
    vocabulary,
    phrases,
    generateMs,
    bytes: statSync(path).size,
  }
}
