import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DatabaseSync } from 'node:sqlite'
import type { Message } from '../../src/shared/contract.ts'
import { openSessionStore } from '../../src/core/sessions/session-store.ts'
import { distribution } from '../stats.ts'
import { answerText, type CrashEvent } from './crash-protocol.ts'
import { createRandom } from './fixture-text.ts'
import type { HistoryResult } from './result.ts'

const childScript = join(import.meta.dirname, 'crash-child.ts')
const now = () => performance.timeOrigin + performance.now()

/** LogAI checkpoints a streaming answer at least this often (chat-service.ts). */
const checkpointIntervalMs = 1_000
/** Allowed on top of the interval: the checkpoint write in flight when the process died. */
const writeAllowanceMs = 100

type KillOutcome = {
  integrityOk: boolean
  storageProblem: string | null
  sessions: number
  unreadableSessions: number
  /** Writes that had resolved (so LogAI had told the person they were saved) but were gone. */
  ackedLost: number
  /** Stored text that is not what was written (a torn or mixed-up write). */
  wrongContent: number
  /** Answers still `streaming` after reopening (should be `interrupted`). */
  notMarkedInterrupted: number
  /** For each answer cut off by the kill: ms of streaming since the stored checkpoint began. */
  lostMs: number[]
  /** Whether a write had been handed to the store and not yet answered when the kill came. */
  duringWrite: boolean
}

/** Runs the child once, kills it after `afterMs`, and returns what it said it had saved. */
async function runAndKill(path: string, run: number, afterMs: number) {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', childScript, path, String(run)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const events: CrashEvent[] = []
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout })
  const closed = once(lines, 'close')
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      const event = JSON.parse(line) as CrashEvent
      events.push(event)
      if (event.kind === 'ready') resolve()
    })
    child.once('exit', (code) => reject(new Error(`crash child exited (${code}): ${stderr}`)))
  })
  const exited = once(child, 'exit')
  try {
    await ready
    await new Promise((resolve) => setTimeout(resolve, afterMs))
  } finally {
    child.kill('SIGKILL')
  }
  const killedAt = now()
  await exited
  await closed
  return { events, killedAt }
}

/** Checks the database after a kill against what the child said it had saved. */
async function verify(path: string, events: CrashEvent[], killedAt: number): Promise<KillOutcome> {
  const raw = new DatabaseSync(path)
  const integrity = raw.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]
  const foreignKeys = raw.prepare('PRAGMA foreign_key_check').all()
  raw.close()
  const integrityOk =
    integrity.length === 1 && integrity[0]?.integrity_check === 'ok' && foreignKeys.length === 0

  const prompts = new Map<string, { sessionId: string; content: string }>()
  type Answer = {
    sessionId: string
    seed: string
    saved: number
    complete: boolean
    deleted: boolean
    startedAt: number
    checkpoints: Map<number, number>
  }
  const answers = new Map<string, Answer>()
  const inFlight = new Set<number>()
  for (const event of events) {
    const answer = 'messageId' in event ? answers.get(event.messageId) : undefined
    switch (event.kind) {
      case 'ready':
        break
      case 'write':
        inFlight.add(event.n)
        break
      case 'wrote':
        inFlight.delete(event.n)
        break
      case 'prompt':
        prompts.set(event.messageId, { sessionId: event.sessionId, content: event.content })
        break
      case 'answer':
        answers.set(event.messageId, {
          sessionId: event.sessionId,
          seed: event.seed,
          saved: 0,
          complete: false,
          deleted: false,
          startedAt: event.at,
          checkpoints: new Map(),
        })
        break
      case 'checkpoint':
        answer?.checkpoints.set(event.length, event.at)
        break
      case 'saved':
        if (answer) answer.saved = Math.max(answer.saved, event.length)
        break
      case 'complete':
        if (answer) {
          answer.saved = event.length
          answer.complete = true
        }
        break
      case 'deleted':
        if (answer) answer.deleted = true
        break
    }
  }

  const { store, problem } = await openSessionStore(path)
  const outcome: KillOutcome = {
    integrityOk,
    storageProblem: problem,
    sessions: 0,
    unreadableSessions: 0,
    ackedLost: 0,
    wrongContent: 0,
    notMarkedInterrupted: 0,
    lostMs: [],
    duringWrite: inFlight.size > 0,
  }
  try {
    const sessions = await store.listSessions()
    outcome.sessions = sessions.length
    const messages = new Map<string, Message>()
    const ofThisRun = new Set([...prompts.values(), ...answers.values()].map((m) => m.sessionId))
    for (const session of sessions) {
      try {
        await store.getSession(session.id)
        if (!ofThisRun.has(session.id)) continue
        for (const message of (await store.getConversation(session.id)).messages) {
          messages.set(message.id, message)
        }
      } catch {
        outcome.unreadableSessions++
      }
    }
    for (const [id, prompt] of prompts) {
      if (messages.get(id)?.content !== prompt.content) outcome.ackedLost++
    }
    for (const [id, answer] of answers) {
      const stored = messages.get(id)
      if (answer.deleted) {
        if (stored) outcome.wrongContent++
        continue
      }
      if (!stored) {
        outcome.ackedLost++
        continue
      }
      const length = stored.content.length
      if (answerText(answer.seed).slice(0, length) !== stored.content) outcome.wrongContent++
      if (length < answer.saved) outcome.ackedLost++
      if (stored.status === 'streaming') outcome.notMarkedInterrupted++
      if (answer.complete) {
        if (stored.status !== 'complete') outcome.ackedLost++
      } else if (stored.status === 'interrupted') {
        const since = length === 0 ? answer.startedAt : answer.checkpoints.get(length)
        if (since === undefined) outcome.wrongContent++
        else outcome.lostMs.push(killedAt - since)
      }
    }
  } finally {
    await store.close()
  }
  return outcome
}

/**
 * Issue 5: `kill -9` of the storage process at random moments during writes, `kills` times: no
 * unreadable session, and no more lost than the checkpoint interval. Each round starts
 * `crash-child.ts` on one database (the same file every round, as a person's history would be),
 * kills it with SIGKILL 0.05–3 s after it is ready, then checks the file (`PRAGMA
 * integrity_check`), reopens it through the store, loads every session, and compares what is
 * stored with what the child had been told was saved.
 */
export async function benchCrash(options: {
  dir: string
  kills: number
  progress?: (message: string) => void
}): Promise<HistoryResult> {
  const { dir, kills, progress = () => {} } = options
  const path = join(dir, 'crash.db')
  const random = createRandom(31)
  const totals = {
    kills: 0,
    killsDuringWrite: 0,
    integrityFailures: 0,
    storageProblems: 0,
    unreadableSessions: 0,
    ackedLost: 0,
    wrongContent: 0,
    notMarkedInterrupted: 0,
  }
  const lostMs: number[] = []
  let sessions = 0
  const started = now()
  for (let run = 0; run < kills; run++) {
    const { events, killedAt } = await runAndKill(path, run, 50 + random() * 2_950)
    const outcome = await verify(path, events, killedAt)
    totals.kills++
    if (outcome.duringWrite) totals.killsDuringWrite++
    if (!outcome.integrityOk) totals.integrityFailures++
    if (outcome.storageProblem) totals.storageProblems++
    totals.unreadableSessions += outcome.unreadableSessions
    totals.ackedLost += outcome.ackedLost
    totals.wrongContent += outcome.wrongContent
    totals.notMarkedInterrupted += outcome.notMarkedInterrupted
    lostMs.push(...outcome.lostMs)
    sessions = outcome.sessions
    if ((run + 1) % 10 === 0) progress(`crash: ${run + 1} of ${kills} kills`)
  }
  const lost = distribution(lostMs)
  const bound = checkpointIntervalMs + writeAllowanceMs
  return {
    goal: `${kills} × kill -9 during writes: 0 unreadable sessions, loss ≤ the checkpoint interval (${checkpointIntervalMs} ms)`,
    met:
      totals.integrityFailures === 0 &&
      totals.storageProblems === 0 &&
      totals.unreadableSessions === 0 &&
      totals.ackedLost === 0 &&
      totals.wrongContent === 0 &&
      totals.notMarkedInterrupted === 0 &&
      (lost.max ?? 0) <= bound,
    figures: {
      ...totals,
      sessionsAtEnd: sessions,
      interruptedAnswers: lostMs.length,
      lostStreamingMs: lost,
      lostBoundMs: bound,
      minutes: Math.round((now() - started) / 600) / 100,
    },
  }
}
