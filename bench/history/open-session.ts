import { openSessionStore } from '../../src/core/sessions/session-store.ts'
import { distribution, round } from '../stats.ts'
import type { HistoryFixture } from './fixture.ts'
import type { HistoryResult } from './result.ts'

const goalMs = 50

const timed = async <T>(call: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now()
  const result = await call()
  return [result, performance.now() - started]
}

/**
 * Issue 5: long sessions open on their latest messages. Measures, through the worker on the big
 * history: starting the store (worker, open, start-of-run clean-up), listing every session, the
 * latest page of the 1,000-message session (first time and again), one older page, and the
 * whole conversation as the chat service reads it to build the model's history.
 */
export async function benchOpenSession(
  fixture: HistoryFixture,
  options: { repeats?: number } = {},
): Promise<HistoryResult> {
  const { repeats = 30 } = options
  const [opened, startMs] = await timed(() => openSessionStore(fixture.path))
  const { store } = opened
  try {
    const [sessions, listMs] = await timed(() => store.listSessions())
    const [first, firstMs] = await timed(() => store.getSession(fixture.longSessionId))
    const again: number[] = []
    for (let i = 0; i < repeats; i++) {
      again.push((await timed(() => store.getSession(fixture.longSessionId)))[1])
    }
    const oldest = first.messages[0]?.id ?? ''
    const [, olderMs] = await timed(() => store.olderMessages(fixture.longSessionId, oldest))
    const [all, conversationMs] = await timed(() => store.getConversation(fixture.longSessionId))
    const latest = distribution(again)
    return {
      goal: `latest page (100 messages) of a ${fixture.longSessionMessages}-message session ≤ ${goalMs} ms`,
      met: firstMs <= goalMs && (latest.p95 ?? Infinity) <= goalMs,
      figures: {
        storeStartMs: round(startMs),
        listSessionsMs: round(listMs),
        sessionsListed: sessions.length,
        latestPageFirstMs: round(firstMs),
        latestPageMs: latest,
        latestPageMessages: first.messages.length,
        hasOlder: first.hasOlder,
        olderPageMs: round(olderMs),
        wholeConversationMs: round(conversationMs),
        wholeConversationMessages: all.messages.length,
      },
    }
  } finally {
    await store.close()
  }
}
