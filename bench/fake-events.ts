import type { FakeEvent, FakeUpstream } from '../e2e/fake-upstream/index.ts'

/** How a streamed answer's response closed, as the fake upstream logged it. */
export type StreamClose = { at: number; requestId: string | undefined; reason: string }

/**
 * The close of the first answer stream started at or after event index `since`. The fake logs
 * `stream-closed` with a reason; older builds logged only `stream-finished`, `stream-aborted` or
 * `stream-dropped`, which are read the same way.
 */
export function findStreamClose(fake: FakeUpstream, since: number): StreamClose | undefined {
  const events: FakeEvent[] = fake.events.slice(since)
  const started = events.find((event) => event.type === 'stream-started')
  if (!started) return undefined
  const sameStream = (event: FakeEvent) =>
    event.requestId === started.requestId && event.at >= started.at
  const closed = events.find((event) => event.type === 'stream-closed' && sameStream(event))
  if (closed) return { at: closed.at, requestId: closed.requestId, reason: closed.reason ?? '' }
  const legacy: Record<string, string> = {
    'stream-finished': 'complete',
    'stream-aborted': 'client_aborted',
    'stream-dropped': 'dropped',
  }
  const old = events.find((event) => event.type in legacy && sameStream(event))
  return old && { at: old.at, requestId: old.requestId, reason: legacy[old.type] ?? old.type }
}
