import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../api-server/request-log.ts'
import type { SessionExport, SessionStore } from './session-store.ts'
import { createTempStores, rejection, say, type TempStores } from './testing/temp-store.ts'

let t: TempStores
let store: SessionStore

beforeEach(async () => {
  t = createTempStores()
  store = (await t.open()).store
})

afterEach(async () => {
  await t.dispose()
})

const newSession = (title: string, now = 1_000) =>
  store.createSession({ title, modelId: 'gpt-4.1', now, systemPrompt: '' })

describe('the worker', () => {
  it('answers calls in order and keeps the main thread free while it works', async () => {
    const session = await newSession('Big import')
    const big: SessionExport = {
      app: 'LogAI',
      kind: 'sessions',
      version: 1,
      exportedAt: 0,
      sessions: Array.from({ length: 300 }, (_, s) => ({
        id: `bulk-${s}`,
        title: `Bulk ${s}`,
        titleSource: 'prompt',
        modelId: 'gpt-4.1',
        createdAt: s,
        updatedAt: s,
        pinned: false,
        systemPrompt: '',
        messages: Array.from({ length: 40 }, (_, m) => ({
          id: `bulk-${s}-${m}`,
          role: 'user' as const,
          content: `message ${m} of session ${s} `.repeat(30),
          status: 'complete' as const,
          createdAt: m,
        })),
      })),
    }
    let ticks = 0
    const timer = setInterval(() => ticks++, 2)
    const started = performance.now()
    const imported = await store.importSessions(JSON.stringify(big))
    const tookMs = performance.now() - started
    clearInterval(timer)
    expect(imported).toEqual({ imported: 300, skipped: 0 })
    // Had the import run on this thread, no timer could have fired until it was over.
    expect(tookMs).toBeGreaterThan(20)
    expect(ticks).toBeGreaterThan(2)

    const order: string[] = []
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        say(store, session.id, 'user', `prompt ${i}`, i).then(() => order.push(`prompt ${i}`)),
      ),
    )
    const { messages } = await store.getSession(session.id)
    expect(messages.map((m) => m.content)).toEqual(order)
  })

  it('carries designed failures across as their kind', async () => {
    expect(await rejection(store.getSession('no-such-id'))).toEqual({
      kind: 'invalid_input',
      message: 'That conversation no longer exists.',
    })
    expect((await rejection(say(store, 'no-such-id', 'user', 'hi', 1))).kind).toBe('invalid_input')
    expect(
      (await rejection(store.updateMessage('no-such-id', { content: 'x', status: 'complete' })))
        .kind,
    ).toBe('invalid_input')
  })

  it('finishes every call already made before close resolves, and refuses calls after', async () => {
    const session = await newSession('Closing')
    const writes = Array.from({ length: 50 }, (_, i) => say(store, session.id, 'user', `n${i}`, i))
    await store.close()
    await Promise.all(writes)
    expect((await rejection(store.listSessions())).message).toMatch(/closed/)

    const reopened = (await t.open()).store
    const { messages } = await reopened.getSession(session.id)
    expect(messages).toHaveLength(50)
  })

  it('reopens after a crash with every checkpoint and the answer marked interrupted', async () => {
    // A separate process saves a checkpoint, then dies without closing anything.
    const script = `
      import { openSessionStore } from ${JSON.stringify(join(import.meta.dirname, 'session-store.ts'))}
      const { store } = await openSessionStore(${JSON.stringify(t.path)})
      const s = await store.createSession({ title: 'Crash', modelId: 'm', now: 1, systemPrompt: '' })
      await store.addMessage({ sessionId: s.id, role: 'user', content: 'Tell me a story', status: 'complete', createdAt: 2 })
      const a = await store.addMessage({ sessionId: s.id, role: 'assistant', content: '', status: 'streaming', createdAt: 3 })
      await store.updateMessage(a.id, { content: 'Once upon a time', status: 'streaming' })
      process.kill(process.pid, 'SIGKILL')
    `
    await store.close()
    const child = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(child.signal).toBe('SIGKILL')

    const reopened = (await t.open()).store
    const [session] = await reopened.listSessions()
    const { messages } = await reopened.getSession(session?.id ?? '')
    expect(messages.map((m) => [m.content, m.status])).toEqual([
      ['Tell me a story', 'complete'],
      ['Once upon a time', 'interrupted'],
    ])
  })
})

describe('sessions', () => {
  it('lists pinned sessions first, then the most recently updated', async () => {
    const a = await newSession('A', 1)
    const b = await newSession('B', 2)
    await newSession('C', 3)
    await store.touchSession(a.id, 10, 'claude-sonnet-4')
    await store.pinSession(b.id, true)
    const listed = await store.listSessions()
    expect(listed.map((s) => [s.title, s.pinned])).toEqual([
      ['B', true],
      ['A', false],
      ['C', false],
    ])
    expect(listed[1]).toMatchObject({ updatedAt: 10, modelId: 'claude-sonnet-4' })
    await store.pinSession(b.id, false)
    expect((await store.listSessions()).map((s) => s.title)).toEqual(['A', 'C', 'B'])
  })

  it('never lets a generated title replace one the person gave', async () => {
    const s = await newSession('How do I bake bread')
    expect(await store.renameSession(s.id, 'Bread baking', 'model')).toBe(true)
    expect(await store.renameSession(s.id, 'My bread', 'person')).toBe(true)
    expect(await store.renameSession(s.id, 'Baking questions', 'model')).toBe(false)
    expect(await store.renameSession(s.id, 'How do I', 'prompt')).toBe(false)
    expect((await store.getSession(s.id)).title).toBe('My bread')
    expect(await store.renameSession(s.id, 'Bread, again', 'person')).toBe(true)
    expect((await store.listSessions())[0]?.title).toBe('Bread, again')
    expect((await rejection(store.renameSession('gone', 'x', 'person'))).kind).toBe('invalid_input')
  })

  it('hides a deleted session until restored, and purges it at the next start', async () => {
    const keep = await newSession('Keep')
    const drop = await newSession('Drop')
    await say(store, drop.id, 'user', 'a prompt about zeppelins', 5)
    await store.deleteSession(drop.id)
    expect((await store.listSessions()).map((s) => s.title)).toEqual(['Keep'])
    expect((await rejection(store.getSession(drop.id))).kind).toBe('invalid_input')
    expect(await store.search('zeppelins')).toEqual([])
    expect(await store.promptHistory()).toEqual([])

    await store.restoreSession(drop.id)
    expect((await store.listSessions()).map((s) => s.title).sort()).toEqual(['Drop', 'Keep'])
    expect(await store.search('zeppelins')).toHaveLength(1)

    await store.deleteSession(drop.id)
    await store.close()
    const reopened = (await t.open()).store
    expect((await reopened.listSessions()).map((s) => s.id)).toEqual([keep.id])
    expect((await rejection(reopened.restoreSession(drop.id))).kind).toBe('invalid_input')
  })

  it('keeps a system prompt per session', async () => {
    const s = await store.createSession({
      title: 'Pirate',
      modelId: 'gpt-4.1',
      now: 1,
      systemPrompt: 'Talk like a pirate.',
    })
    expect((await store.getSession(s.id)).systemPrompt).toBe('Talk like a pirate.')
    await store.setSystemPrompt(s.id, '')
    expect((await store.getSession(s.id)).systemPrompt).toBe('')
  })
})

describe('messages', () => {
  it('loads a long session latest first and the rest in pages', async () => {
    const s = await newSession('Long')
    for (let i = 1; i <= 250; i++) await say(store, s.id, i % 2 ? 'user' : 'assistant', `#${i}`, i)

    const latest = await store.getSession(s.id)
    expect(latest.hasOlder).toBe(true)
    expect(latest.messages.map((m) => m.content)).toEqual(
      Array.from({ length: 100 }, (_, i) => `#${151 + i}`),
    )
    const page2 = await store.olderMessages(s.id, latest.messages[0]?.id ?? '')
    expect(page2.hasOlder).toBe(true)
    expect(page2.messages.map((m) => m.content)).toEqual(
      Array.from({ length: 100 }, (_, i) => `#${51 + i}`),
    )
    const page3 = await store.olderMessages(s.id, page2.messages[0]?.id ?? '', 100)
    expect(page3.hasOlder).toBe(false)
    expect(page3.messages).toHaveLength(50)

    const all = await store.getConversation(s.id)
    expect(all.messages.map((m) => m.content)).toEqual(
      [...page3.messages, ...page2.messages, ...latest.messages].map((m) => m.content),
    )
    expect(all.hasOlder).toBe(false)
    expect((await store.getSession(s.id, 250)).hasOlder).toBe(false)
  })

  it('saves checkpoints and the end of an answer, clearing what the patch leaves out', async () => {
    const s = await newSession('Answer')
    const answer = await store.addMessage({
      sessionId: s.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      modelId: 'gpt-4.1',
      createdAt: 2,
    })
    await store.updateMessage(answer.id, {
      content: 'Partial',
      status: 'streaming',
      reasoning: 'Thinking…',
    })
    await store.updateMessage(answer.id, {
      content: 'Partial and done.',
      status: 'failed',
      error: { kind: 'network', message: 'Lost the connection.' },
      usage: { promptTokens: 3, completionTokens: 4 },
    })
    const [saved] = (await store.getSession(s.id)).messages
    expect(saved).toEqual({
      id: answer.id,
      sessionId: s.id,
      role: 'assistant',
      content: 'Partial and done.',
      status: 'failed',
      modelId: 'gpt-4.1',
      error: { kind: 'network', message: 'Lost the connection.' },
      createdAt: 2,
      usage: { promptTokens: 3, completionTokens: 4 },
    })
  })

  it('deletes a message and every later one (edit, regenerate)', async () => {
    const s = await newSession('Edit')
    const first = await say(store, s.id, 'user', 'one', 1)
    const second = await say(store, s.id, 'assistant', 'two', 2)
    await say(store, s.id, 'user', 'three', 3)
    await store.deleteMessagesFrom(s.id, second.id)
    expect((await store.getSession(s.id)).messages.map((m) => m.id)).toEqual([first.id])
    const again = await say(store, s.id, 'assistant', 'two again', 4)
    expect((await store.getSession(s.id)).messages.map((m) => m.id)).toEqual([first.id, again.id])
  })
})

describe('starting a turn', () => {
  it('starts a session with the prompt and an empty streaming answer, on top of the list', async () => {
    await newSession('Older', 500)
    const written = await store.startTurn({
      session: { start: { title: 'Plan a trip', systemPrompt: 'Be brief.' } },
      prompt: { content: 'Plan a trip' },
      modelId: 'claude-sonnet-4',
      now: 2_000,
    })
    expect(written.session).toMatchObject({ title: 'Plan a trip', modelId: 'claude-sonnet-4' })
    expect(written.session.updatedAt).toBe(2_000)
    const session = await store.getSession(written.session.id)
    expect(session.systemPrompt).toBe('Be brief.')
    expect(session.messages.map((m) => [m.id, m.role, m.content, m.status])).toEqual([
      [written.prompt?.id, 'user', 'Plan a trip', 'complete'],
      [written.answer.id, 'assistant', '', 'streaming'],
    ])
    expect((await store.listSessions()).map((s) => s.title)).toEqual(['Plan a trip', 'Older'])
  })

  it('replaces an answer (regenerate), or a prompt and what follows it (edit)', async () => {
    const s = await newSession('Edit')
    const first = await say(store, s.id, 'user', 'one', 1)
    const answer = await say(store, s.id, 'assistant', 'two', 2)
    const regenerated = await store.startTurn({
      session: { id: s.id },
      replaceFrom: answer.id,
      modelId: 'gpt-4.1',
      now: 3,
    })
    expect(regenerated.prompt).toBeNull()
    expect(regenerated.titleSource).toBe('prompt')
    const contents = async () =>
      (await store.getSession(s.id)).messages.map((m) => [m.id, m.content])
    expect(await contents()).toEqual([
      [first.id, 'one'],
      [regenerated.answer.id, ''],
    ])
    const edited = await store.startTurn({
      session: { id: s.id },
      replaceFrom: first.id,
      prompt: { content: 'one, edited' },
      modelId: 'gpt-4.1',
      now: 4,
    })
    expect(await contents()).toEqual([
      [edited.prompt?.id, 'one, edited'],
      [edited.answer.id, ''],
    ])
  })

  it('refuses to replace a message that is gone, so a second Regenerate adds nothing', async () => {
    const s = await newSession('Twice')
    await say(store, s.id, 'user', 'one', 1)
    const answer = await say(store, s.id, 'assistant', 'two', 2)
    const regenerate = { session: { id: s.id }, replaceFrom: answer.id, modelId: 'm', now: 3 }
    await store.startTurn(regenerate)
    expect(await rejection(store.startTurn(regenerate))).toEqual({
      kind: 'invalid_input',
      message: 'That message no longer exists.',
    })
    expect((await store.getSession(s.id)).messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
    ])
  })

  it('writes nothing when the session is gone', async () => {
    const s = await newSession('Gone')
    const kept = await say(store, s.id, 'user', 'kept', 1)
    await store.deleteSession(s.id)
    const failure = await rejection(
      store.startTurn({
        session: { id: s.id },
        replaceFrom: kept.id,
        prompt: { content: 'new' },
        modelId: 'm',
        now: 2,
      }),
    )
    expect(failure.kind).toBe('invalid_input')
    await store.restoreSession(s.id)
    expect((await store.getSession(s.id)).messages.map((m) => m.content)).toEqual(['kept'])
  })
})

describe('export and import', () => {
  async function fillHistory() {
    const a = await store.createSession({
      title: 'Sourdough',
      modelId: 'gpt-4.1',
      now: 1_000,
      systemPrompt: 'Be brief.',
    })
    await store.renameSession(a.id, 'My sourdough', 'person')
    await store.pinSession(a.id, true)
    await store.addMessage({
      sessionId: a.id,
      role: 'user',
      content: 'What is this photo?',
      status: 'complete',
      createdAt: 1_001,
      images: [{ mediaType: 'image/png', base64: 'iVBORw0KGgo=' }],
    })
    const answer = await store.addMessage({
      sessionId: a.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      modelId: 'o4-mini',
      createdAt: 1_002,
    })
    await store.updateMessage(answer.id, {
      content: 'A starter.',
      status: 'complete',
      reasoning: 'Bubbles, jar.',
      usage: { promptTokens: 10, completionTokens: 3, costUsd: 0.0001, premiumRequests: 1 },
    })
    const b = await newSession('Taxes', 2_000)
    await say(store, b.id, 'user', 'Home office?', 2_001)
    await store.addMessage({
      sessionId: b.id,
      role: 'assistant',
      content: '',
      status: 'failed',
      modelId: 'gpt-4.1',
      error: { kind: 'rate_limited', message: 'Slow down.', retryAfterMs: 5_000 },
      createdAt: 2_002,
    })
    await store.touchSession(b.id, 2_500, 'claude-sonnet-4')
  }

  const withoutTime = ({ exportedAt: _at, ...rest }: SessionExport) => rest

  it('round-trips every session exactly, and a second import adds nothing', async () => {
    await fillHistory()
    const exported = await store.exportSessions()
    expect(exported.sessions).toHaveLength(2)
    const file = await store.exportSessionsJson()
    expect(withoutTime(JSON.parse(file) as SessionExport)).toEqual(withoutTime(exported))

    const other = (await t.open({}, join(t.dir, 'other.db'))).store
    expect(await other.importSessions(file)).toEqual({ imported: 2, skipped: 0 })
    expect(withoutTime(await other.exportSessions())).toEqual(withoutTime(exported))
    expect(await other.listSessions()).toEqual(await store.listSessions())
    expect(await other.search('starter')).toHaveLength(1)

    expect(await other.importSessions(file)).toEqual({ imported: 0, skipped: 2 })
    const again = await other.exportSessions()
    expect(again.sessions.map((s) => s.messages.length)).toEqual([2, 2])
  })

  it('exports chosen sessions only', async () => {
    await fillHistory()
    const [first] = await store.listSessions()
    const one = await store.exportSessions([first?.id ?? ''])
    expect(one.sessions.map((s) => s.title)).toEqual(['My sourdough'])
    expect((await rejection(store.exportSessions(['gone']))).kind).toBe('invalid_input')
  })

  it('brings back a session deleted in this run from the file', async () => {
    await fillHistory()
    const file = await store.exportSessionsJson()
    const [first] = await store.listSessions()
    await store.deleteSession(first?.id ?? '')
    expect(await store.importSessions(file)).toEqual({ imported: 1, skipped: 1 })
    expect(await store.listSessions()).toHaveLength(2)
  })

  it('refuses a file that is not an export, or would clash, and imports nothing', async () => {
    await fillHistory()
    const before = await store.exportSessions()
    expect(await rejection(store.importSessions('not json'))).toMatchObject({
      kind: 'invalid_input',
      message: expect.stringMatching(/not a LogAI export/),
    })
    expect(await rejection(store.importSessions('{"app":"Other"}'))).toMatchObject({
      kind: 'invalid_input',
    })
    // Two new sessions, the second reusing a message id that is already stored.
    const clash = structuredClone(before)
    const [fresh, stale] = clash.sessions
    if (!fresh || !stale) throw new Error('fixture')
    fresh.id = 'new-1'
    fresh.messages.forEach((m, i) => (m.id = `new-1-${i}`))
    stale.id = 'new-2'
    expect((await rejection(store.importSessions(JSON.stringify(clash)))).kind).toBe(
      'invalid_input',
    )
    expect(withoutTime(await store.exportSessions())).toEqual(withoutTime(before))
  })

  it('refuses times no Date can hold and titles longer than LogAI gives', async () => {
    await fillHistory()
    const before = await store.exportSessions()
    const altered = (change: (file: SessionExport) => void) => {
      const file = structuredClone(before)
      file.sessions.forEach((s) => {
        s.id = `other-${s.id}`
        s.messages.forEach((m) => (m.id = `other-${m.id}`))
      })
      change(file)
      return JSON.stringify(file)
    }
    const refusals = [
      altered((file) => void (file.sessions[0]!.createdAt = 1e20)),
      altered((file) => void (file.sessions[0]!.updatedAt = -1)),
      altered((file) => void (file.sessions[0]!.messages[0]!.createdAt = 1.5)),
      altered((file) => void (file.sessions[0]!.title = 'x'.repeat(201))),
    ]
    for (const file of refusals) {
      expect(await rejection(store.importSessions(file))).toMatchObject({
        kind: 'invalid_input',
        message: expect.stringMatching(/not a LogAI export, or it is damaged \(at sessions\.0\./),
      })
    }
    expect(withoutTime(await store.exportSessions())).toEqual(withoutTime(before))
    expect(await store.importSessions(altered(() => {}))).toMatchObject({ imported: 2 })
  })
})

describe('prompt history', () => {
  it('gives the person’s prompts newest first, each once, at most the limit', async () => {
    const a = await newSession('A')
    const b = await newSession('B')
    await say(store, a.id, 'user', 'first', 1)
    await say(store, a.id, 'assistant', 'an answer', 2)
    await say(store, b.id, 'user', 'second', 3)
    await say(store, a.id, 'user', 'first', 4)
    await say(store, b.id, 'user', 'third', 5)
    expect(await store.promptHistory()).toEqual(['third', 'first', 'second'])
    expect(await store.promptHistory(2)).toEqual(['third', 'first'])
  })
})

describe('request log', () => {
  const entry = (at: number, overrides: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
    at,
    durationMs: 120,
    client: 'curl/8.5',
    endpoint: '/v1/chat/completions',
    model: 'gpt-4.1',
    upstream: '/chat/completions',
    stream: true,
    status: 200,
    inputTokens: 10,
    outputTokens: 20,
    ...overrides,
  })
  const day = (offset: number, hour = 12) => new Date(2026, 10, 10 + offset, hour).getTime()

  it('lists the latest requests newest first, exactly as recorded', async () => {
    const failed = entry(day(0, 9), {
      status: 502,
      stream: false,
      model: null,
      upstream: null,
      inputTokens: null,
      outputTokens: null,
      error: 'Copilot did not answer.',
    })
    await store.appendRequestLog(entry(day(0, 8)))
    await store.appendRequestLog(failed)
    await store.appendRequestLog(entry(day(0, 10)))
    const recent = await store.recentRequests(2)
    expect(recent).toEqual([entry(day(0, 10)), failed])
  })

  it('totals requests, tokens and errors per local day, with empty days', async () => {
    await store.appendRequestLog(entry(day(-2, 0)))
    await store.appendRequestLog(entry(day(-2, 23), { status: 429, outputTokens: null }))
    await store.appendRequestLog(entry(day(0, 1), { error: 'stream broke', status: 200 }))
    await store.appendRequestLog(entry(day(-9)))
    const totals = await store.requestTotalsByDay(3, day(0, 15))
    expect(totals).toEqual([
      { day: '2026-11-08', requests: 2, inputTokens: 20, outputTokens: 20, errors: 1 },
      { day: '2026-11-09', requests: 0, inputTokens: 0, outputTokens: 0, errors: 0 },
      { day: '2026-11-10', requests: 1, inputTokens: 10, outputTokens: 20, errors: 1 },
    ])
  })
})
