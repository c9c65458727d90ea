import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../shared/contract.ts'
import type { SessionStore } from './session-store.ts'
import { decodeCursor, encodeCursor, pageQueries } from './session-pages.ts'
import { createTempStores, rejection, type TempStores } from './testing/temp-store.ts'

let t: TempStores
let store: SessionStore

beforeEach(async () => {
  t = createTempStores()
  store = (await t.open()).store
})

afterEach(async () => {
  await t.dispose()
})

const newSession = (title: string, now: number) =>
  store.createSession({ title, modelId: 'gpt-4.1', now, systemPrompt: '' })

/** Every page from the top, `limit` at a time. */
async function allPages(limit: number): Promise<SessionSummary[][]> {
  const pages: SessionSummary[][] = []
  let after: string | undefined
  do {
    const page = await store.listSessionPage(after === undefined ? { limit } : { after, limit })
    pages.push(page.sessions)
    after = page.next ?? undefined
  } while (after !== undefined)
  return pages
}

describe('the list a page at a time', () => {
  it('pages through exactly what the whole list holds, pinned first, ties included', async () => {
    // Three sessions share one millisecond, so a page boundary falls among equal dates.
    for (const [title, at] of [
      ['A', 10],
      ['B', 20],
      ['C', 20],
      ['D', 20],
      ['E', 30],
      ['F', 5],
    ] as const) {
      await newSession(title, at)
    }
    const [f] = (await store.listSessions()).filter((s) => s.title === 'F')
    await store.pinSession(f?.id ?? '', true)

    const pages = await allPages(2)
    expect(pages.map((page) => page.map((s) => s.title))).toEqual([
      ['F', 'E'],
      ['D', 'C'],
      ['B', 'A'],
    ])
    expect(pages.flat()).toEqual(await store.listSessions())
    expect(await store.listSessionPage({ limit: 2 })).toMatchObject({ total: 6 })
  })

  it('says there is no next page when the last one is full', async () => {
    await newSession('A', 1)
    await newSession('B', 2)
    expect(await store.listSessionPage({ limit: 2 })).toMatchObject({ next: null, total: 2 })
    expect(await store.listSessionPage({ limit: 5 })).toMatchObject({ next: null })
  })

  it('does not shift later pages when a session moves to the top meanwhile', async () => {
    const sessions = []
    for (let i = 1; i <= 6; i++) sessions.push(await newSession(`S${i}`, i))
    const first = await store.listSessionPage({ limit: 2 })
    expect(first.sessions.map((s) => s.title)).toEqual(['S6', 'S5'])
    // S2 is answered in: it is now the newest, and the rest keep their places.
    await store.touchSession(sessions[1]?.id ?? '', 100, 'gpt-4.1')
    const second = await store.listSessionPage({ after: first.next ?? '', limit: 2 })
    const third = await store.listSessionPage({ after: second.next ?? '', limit: 2 })
    expect(second.sessions.map((s) => s.title)).toEqual(['S4', 'S3'])
    expect(third.sessions.map((s) => s.title)).toEqual(['S1'])
    expect(third.next).toBeNull()
  })

  it('leaves deleted sessions out of the pages and the total', async () => {
    await newSession('Keep', 1)
    const drop = await newSession('Drop', 2)
    await store.deleteSession(drop.id)
    const page = await store.listSessionPage({ limit: 10 })
    expect(page.sessions.map((s) => s.title)).toEqual(['Keep'])
    expect(page.total).toBe(1)
  })

  it('refuses a position it did not write', async () => {
    expect((await rejection(store.listSessionPage({ after: 'x', limit: 2 }))).kind).toBe(
      'invalid_input',
    )
    expect(decodeCursor(encodeCursor({ pinned: 1, updatedAt: 1_763_771_234_567, n: 42 }))).toEqual({
      pinned: 1,
      updatedAt: 1_763_771_234_567,
      n: 42,
    })
  })

  it('reads each page through the list index, without sorting the whole table', async () => {
    await newSession('A', 1)
    await store.close()
    const db = new DatabaseSync(t.path, { readOnly: true })
    const plan = (sql: string, ...args: number[]) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...args)
        .map((row) => (row as { detail: string }).detail)
    const first = plan(pageQueries.first, 60)
    const after = plan(pageQueries.after, 0, 1_000, 7, 1_000)
    db.close()
    expect(first[0]).toMatch(/^SCAN sessions USING INDEX sessions_listed/)
    expect(after[0]).toMatch(/^SEARCH sessions USING INDEX sessions_listed/)
    // Only sessions of the same millisecond are put in order by `n` after the index.
    for (const step of [...first, ...after]) expect(step).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
  })
})
