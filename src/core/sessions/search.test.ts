import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../shared/contract.ts'
import type { SessionStore } from './session-store.ts'
import { createTempStores, say, type TempStores } from './testing/temp-store.ts'

let t: TempStores

beforeEach(() => {
  t = createTempStores()
})

afterEach(async () => {
  await t.dispose()
})

/** The highlighted words of a hit, as the renderer would show them. */
const marked = (hit: SearchHit) =>
  hit.highlights.map(([start, end]) => hit.snippet.slice(start, end).toLowerCase())

const longText = (words: number, seed: string) =>
  Array.from({ length: words }, (_, i) => `${seed}${i % 37}`).join(' ')

/** A small history with one session per topic; returns the ids by name. */
async function seed(store: SessionStore) {
  const ids: Record<string, string> = {}
  const session = async (name: string, title: string, messages: string[], at: number) => {
    const s = await store.createSession({ title, modelId: 'gpt-4.1', now: at, systemPrompt: '' })
    for (const [i, text] of messages.entries()) {
      const m = await say(store, s.id, i % 2 ? 'assistant' : 'user', text, at + i)
      ids[`${name}.${i}`] = m.id
    }
    ids[name] = s.id
  }
  await session(
    'coffee',
    'Espresso at home',
    [
      'How do I pull a good espresso shot?',
      `Use fresh beans and a burr grinder. ${longText(120, 'filler')} The espresso needs fine grounds and about 25 seconds.`,
    ],
    1_000,
  )
  await session(
    'tea',
    'Green tea',
    [
      'Is green tea better brewed cooler?',
      'Yes: brew green tea at 80 °C. Grounds fine for coffee; for tea use whole leaves.',
    ],
    2_000,
  )
  await session(
    'travel',
    'Café hopping in Paris',
    [
      'Which cafés near the Louvre serve espresso espresso espresso?',
      'Try Café Kitsuné 😀 nearby.',
    ],
    3_000,
  )
  await session(
    'code',
    'Regex help',
    ['What does (a|b)* -x "y" NEAR/2 mean in a query?', 'It is FTS5 syntax: NEAR groups terms.'],
    4_000,
  )
  return ids
}

describe.each([
  ['with the FTS5 index', true],
  ['by scanning (no FTS5)', false],
])('search %s', (_name, fts) => {
  let store: SessionStore
  let ids: Record<string, string>

  beforeEach(async () => {
    store = (await t.open({ fts })).store
    ids = await seed(store)
  })

  it('finds words in titles and messages, and highlights them without markup', async () => {
    const hits = await store.search('espresso')
    expect(new Set(hits.map((h) => h.sessionId))).toEqual(new Set([ids.coffee, ids.travel]))
    for (const hit of hits) {
      expect(marked(hit).length).toBeGreaterThan(0)
      expect(marked(hit).every((word) => word === 'espresso')).toBe(true)
      expect(hit.snippet).not.toMatch(/[<>\uFDD0\uFDD1]/)
    }
    const title = hits.find((h) => h.messageId === null)
    expect(title).toMatchObject({ sessionId: ids.coffee, snippet: 'Espresso at home' })
    expect(title?.highlights).toEqual([[0, 8]])
  })

  it('matches words as they are being typed', async () => {
    const hits = await store.search('espr')
    expect(hits.length).toBeGreaterThanOrEqual(3)
    expect(hits.flatMap(marked).every((word) => word === 'espresso')).toBe(true)
    expect((await store.search('gre te')).map((h) => h.sessionId)).toContain(ids.tea)
  })

  it('keeps quoted phrases in order, with an optional * on the last word', async () => {
    const phrase = await store.search('"fine grounds"')
    expect(phrase.map((h) => h.messageId)).toEqual([ids['coffee.1']])
    // A phrase is highlighted as one stretch.
    expect(marked(phrase[0] as SearchHit)).toEqual(['fine grounds'])
    // "Grounds fine" in the tea answer is the other order.
    expect((await store.search('"grounds fine"')).map((h) => h.messageId)).toEqual([ids['tea.1']])
    expect((await store.search('"fine gro"*')).map((h) => h.messageId)).toEqual([ids['coffee.1']])
    expect((await store.search('"fine gro"')).map((h) => h.messageId)).toEqual([])
    // An unclosed quote is a phrase still being typed.
    expect((await store.search('"burr grin')).map((h) => h.messageId)).toEqual([ids['coffee.1']])
  })

  it('needs every word to match', async () => {
    expect((await store.search('green coffee')).map((h) => h.messageId)).toEqual([ids['tea.1']])
    expect(await store.search('green zeppelin')).toEqual([])
  })

  it('cuts a long message to a passage around the match', async () => {
    const [hit] = await store.search('"fine grounds"')
    expect(hit?.snippet.length).toBeLessThan(300)
    expect(hit?.snippet.startsWith('…')).toBe(true)
  })

  it('treats every character people type as text, never as query syntax', async () => {
    const weird = [
      '"',
      '""',
      '*',
      '-',
      '-x',
      'NEAR',
      'NEAR(a b)',
      'NEAR/2',
      'a AND OR NOT',
      'title:foo',
      '(a|b)*',
      '^',
      '\\',
      "'",
      "O'Brien",
      'foo*bar',
      '{col}',
      '😀',
      '😀😀 "😀"',
      '   ',
      'AND',
      '"unterminated',
      'x'.repeat(500),
    ]
    for (const query of weird) {
      await expect(store.search(query), query).resolves.toBeInstanceOf(Array)
    }
    expect(await store.search('😀')).toEqual([])
    expect((await store.search('NEAR')).map((h) => h.messageId).sort()).toEqual(
      [ids['code.0'], ids['code.1'], ids['travel.0'], ids['travel.1']].sort(),
    )
    expect((await store.search('-x')).map((h) => h.messageId)).toContain(ids['code.0'])
  })

  it('gives at most one hit per message, and none for deleted sessions', async () => {
    const hits = await store.search('espresso')
    const messageIds = hits.flatMap((h) => (h.messageId ? [h.messageId] : []))
    expect(new Set(messageIds).size).toBe(messageIds.length)
    await store.deleteSession(ids.travel as string)
    expect((await store.search('espresso')).map((h) => h.sessionId)).not.toContain(ids.travel)
    await store.restoreSession(ids.travel as string)
    expect((await store.search('espresso')).map((h) => h.sessionId)).toContain(ids.travel)
  })

  it('follows renames, edits and answers as they finish', async () => {
    await store.renameSession(ids.tea as string, 'Sencha brewing', 'person')
    expect((await store.search('sencha')).map((h) => [h.messageId, h.title])).toEqual([
      [null, 'Sencha brewing'],
    ])
    expect((await store.search('green')).filter((h) => h.messageId === null)).toEqual([])

    await store.deleteMessagesFrom(ids.tea as string, ids['tea.1'] as string)
    expect((await store.search('leaves')).map((h) => h.messageId)).toEqual([])

    const answer = await store.addMessage({
      sessionId: ids.tea as string,
      role: 'assistant',
      content: 'Steep sencha for',
      status: 'streaming',
      createdAt: 9_000,
    })
    await store.updateMessage(answer.id, {
      content: 'Steep sencha for a minute',
      status: 'complete',
    })
    expect((await store.search('minute')).map((h) => h.messageId)).toEqual([answer.id])
  })

  it('limits the number of hits', async () => {
    expect(await store.search('e', 1)).toHaveLength(0)
    expect(await store.search('es', 2)).toHaveLength(2)
  })
})

describe('search ranking (FTS5)', () => {
  it('puts the better match first, and a title match above a passing mention', async () => {
    const { store } = await t.open()
    const ids = await seed(store)
    const hits = await store.search('espresso')
    // The title says it all; the café prompt says it three times; the long answer once.
    expect(hits.map((h) => h.messageId)).toEqual([
      null,
      ids['travel.0'],
      ids['coffee.0'],
      ids['coffee.1'],
    ])
  })

  it('folds accents: cafe finds Café', async () => {
    const { store } = await t.open()
    const ids = await seed(store)
    const hits = await store.search('cafe')
    expect(hits[0]).toMatchObject({ messageId: null, sessionId: ids.travel })
    expect(marked(hits[0] as SearchHit)).toEqual(['café'])
  })

  it('matches a word that is in thousands of messages as that word, not as a prefix', async () => {
    const { store } = await t.open()
    const messages = Array.from({ length: 5_000 }, (_, i) => ({
      id: `m${i}`,
      role: 'user' as const,
      content: `note ${i}: that is all`,
      status: 'complete' as const,
      createdAt: i,
    }))
    messages.push({ ...messages[0]!, id: 'thatch', content: 'a thatched roof' })
    messages.push({ ...messages[0]!, id: 'dense', content: 'That? That, that.' })
    await store.importSessions(
      JSON.stringify({
        app: 'LogAI',
        kind: 'sessions',
        version: 1,
        exportedAt: 0,
        sessions: [
          {
            id: 's',
            title: 'Notes',
            titleSource: 'prompt',
            modelId: 'm',
            createdAt: 0,
            updatedAt: 0,
            pinned: false,
            systemPrompt: '',
            messages,
          },
        ],
      }),
    )
    const ids = async (query: string) => (await store.search(query, 200)).map((h) => h.messageId)
    // Ranked like bm25 among the newest matches: three times in a short message comes first.
    expect((await ids('that'))[0]).toBe('dense')
    expect(await ids('that')).not.toContain('thatch')
    expect(await ids('thatc')).toEqual(['thatch'])
    expect(await ids('that*')).toContain('thatch')
  })

  it('rebuilds the index after a run without FTS5, including what that run wrote', async () => {
    const plain = (await t.open({ fts: false })).store
    const s = await plain.createSession({ title: 'Kites', modelId: 'm', now: 1, systemPrompt: '' })
    await say(plain, s.id, 'user', 'How do stunt kites turn?', 2)
    await plain.close()
    const indexed = (await t.open()).store
    expect((await indexed.search('stunt')).map((h) => h.sessionId)).toEqual([s.id])
    expect((await indexed.search('kites')).map((h) => h.messageId)).toHaveLength(2)
  })
})
