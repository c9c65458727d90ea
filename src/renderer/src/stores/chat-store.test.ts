import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore, message } from '../testing/fake-core.ts'
import { createManualFrames } from '../testing/manual-frames.ts'
import { activeStreamId, createChatStore } from './chat-store.ts'

function setup(overrides: Parameters<typeof createFakeCore>[0] = {}) {
  const core = createFakeCore(overrides)
  const frames = createManualFrames()
  const store = createChatStore(core.client, { scheduleFrame: frames.scheduleFrame })
  return { core, frames, store, chat: () => store.getState() }
}

const answerOf = (store: ReturnType<typeof setup>['store'], id = 'answer-1') =>
  store.getState().messages.find((m) => m.id === id)

describe('chat store', () => {
  it('sends into a new session and appends both messages', async () => {
    const { core, chat } = setup()
    expect(await chat().send({ text: 'Hello', modelId: 'gpt-4o' })).toBe(true)
    expect(core.callsTo('chat:send')).toEqual([
      { sessionId: null, modelId: 'gpt-4o', text: 'Hello', systemPrompt: '' },
    ])
    expect(chat().sessionId).toBe('session-new')
    expect(chat().messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello'],
      ['assistant', ''],
    ])
    expect(activeStreamId(chat())).toBe('stream-1')

    await chat().send({ text: 'Again', modelId: 'gpt-4o' })
    expect(core.callsTo('chat:send')[1]?.sessionId).toBe('session-new')
  })

  it('appends deltas by streamId, at most once per frame', async () => {
    const { store, frames, chat } = setup()
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    await chat().send({ text: 'Hi again', modelId: 'gpt-4o' })
    let updates = 0
    store.subscribe(() => updates++)

    chat().receiveDelta({ streamId: 'stream-1', text: 'Hel' })
    chat().receiveDelta({ streamId: 'stream-2', text: 'Other' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'lo' })
    expect(updates).toBe(0)
    frames.run()
    expect(updates).toBe(1)
    expect(answerOf(store)?.content).toBe('Hello')
    expect(answerOf(store, 'answer-2')?.content).toBe('Other')
  })

  it('applies a very long answer every other frame, still losing nothing', async () => {
    const { frames, store, chat } = setup()
    await chat().send({ text: 'Hello', modelId: 'gpt-4o' })
    const long = 'x'.repeat(100_001)
    chat().receiveDelta({ streamId: 'stream-1', text: long })
    frames.run()
    expect(answerOf(store)?.content).toBe(long)

    chat().receiveDelta({ streamId: 'stream-1', text: 'y' })
    frames.run()
    expect(answerOf(store)?.content).toBe(long)
    chat().receiveDelta({ streamId: 'stream-1', text: 'z' })
    frames.run()
    expect(answerOf(store)?.content).toBe(`${long}yz`)
  })

  it('replaces the answer when it is done and forgets the stream', async () => {
    const { store, frames, chat } = setup()
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'partial' })
    const final = message({ id: 'answer-1', role: 'assistant', content: 'Final answer.' })
    chat().receiveDone({ streamId: 'stream-1', message: final })
    frames.run()
    expect(answerOf(store)).toEqual(final)
    expect(chat().streams).toEqual({})
    expect(activeStreamId(chat())).toBeNull()
  })

  it('keeps the partial answer and the error when it fails', async () => {
    const { store, chat } = setup()
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    const error = { kind: 'upstream', status: 500, message: 'Copilot had a problem.' } as const
    chat().receiveFailed({
      streamId: 'stream-1',
      error,
      message: message({ id: 'answer-1', role: 'assistant', status: 'failed', content: 'Par' }),
    })
    expect(answerOf(store)).toMatchObject({ status: 'failed', content: 'Par', error })
  })

  it('applies events that arrive before the chat:send answer', async () => {
    const { store, chat, frames } = setup()
    const sending = chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'Early ' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'bird' })
    expect(chat().messages).toEqual([])
    await sending
    frames.run()
    expect(answerOf(store)).toMatchObject({ content: 'Early bird', status: 'streaming' })
    expect(activeStreamId(chat())).toBe('stream-1')
  })

  it('replays a whole answer that streamed and ended before the chat:send answer', async () => {
    const { store, chat, frames } = setup()
    const sending = chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    const final = message({
      id: 'answer-1',
      sessionId: 'session-new',
      role: 'assistant',
      content: 'Early bird',
      modelId: 'gpt-4o',
    })
    chat().receiveDelta({ streamId: 'stream-1', text: 'Early bird' })
    chat().receiveDone({ streamId: 'stream-1', message: final })
    frames.run()
    expect(chat().messages).toEqual([])

    await sending
    frames.run()
    expect(answerOf(store)).toEqual(final)
    expect(chat().streams).toEqual({})
    expect(activeStreamId(chat())).toBeNull()
  })

  it('leaves the open conversation alone for streams of another view or window', async () => {
    const shown = [message({ id: 'old', role: 'assistant', content: 'Kept as it was.' })]
    const { chat, frames } = setup({
      'sessions:get': ({ id }) => ({
        id,
        title: 'Other',
        modelId: 'gpt-4o',
        createdAt: 1,
        updatedAt: 1,
        pinned: false,
        systemPrompt: '',
        messages: id === 'other' ? shown : [],
        hasOlder: false,
      }),
    })
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    await chat().openSession('other')
    // stream-1 answers in the session this view left; `elsewhere` was started by another window.
    const strays = [
      { streamId: 'stream-1', id: 'answer-1', sessionId: 'session-new' },
      { streamId: 'elsewhere', id: 'answer-9', sessionId: 'other' },
    ]
    for (const { streamId, id, sessionId } of strays) {
      chat().receiveDelta({ streamId, text: 'Stray text' })
      const final = message({ id, sessionId, role: 'assistant', content: 'Stray text' })
      chat().receiveDone({ streamId, message: final })
    }
    frames.run()
    expect(chat().sessionId).toBe('other')
    expect(chat().messages).toEqual(shown)
    expect(activeStreamId(chat())).toBeNull()
  })

  it('forgets a send still in flight when it is reset on sign-out', async () => {
    const { chat } = setup()
    const sending = chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    chat().reset()
    expect(await sending).toBe(true)
    expect(chat().messages).toEqual([])
    expect(chat().streams).toEqual({})
    expect(chat().sending).toBe(false)
  })

  it('keeps the typed text out of the store and reports a refused send', async () => {
    const { chat } = setup({
      'chat:send': () => {
        throw new AppFailure({ kind: 'model_unavailable', message: 'That model is not available.' })
      },
    })
    expect(await chat().send({ text: 'Hi', modelId: 'gpt-4o' })).toBe(false)
    expect(chat().sendError?.message).toBe('That model is not available.')
    expect(chat().messages).toEqual([])
    expect(chat().sending).toBe(false)
  })

  it('stops the stream answering in the open session', async () => {
    const { core, chat } = setup()
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    await chat().stop()
    expect(core.callsTo('chat:stop')).toEqual([{ streamId: 'stream-1', shownLength: 0 }])
  })

  it('keeps streaming into a session left open elsewhere and shows it all on return', async () => {
    const stored = message({ id: 'answer-1', role: 'assistant', status: 'streaming', content: 'A' })
    const { store, chat, frames } = setup({
      'sessions:get': ({ id }) => ({
        id,
        title: 'First',
        modelId: 'gpt-4o',
        createdAt: 1,
        updatedAt: 1,
        pinned: false,
        systemPrompt: '',
        messages: id === 'session-new' ? [stored] : [],
        hasOlder: false,
      }),
    })
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    await chat().openSession('other')
    chat().receiveDelta({ streamId: 'stream-1', text: 'AB' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'C' })
    frames.run()
    expect(chat().messages).toEqual([])

    await chat().openSession('session-new')
    expect(answerOf(store)?.content).toBe('ABC')
    expect(activeStreamId(chat())).toBe('stream-1')
  })

  it('drops a session that arrives after another view replaced it', async () => {
    const { chat } = setup()
    const opening = chat().openSession('slow')
    chat().newChat()
    expect(await opening).toBeNull()
    expect(chat().sessionId).toBeNull()
    expect(chat().status).toBe('ready')
  })

  it('reports a session that cannot be opened', async () => {
    const { chat } = setup({
      'sessions:get': () => {
        throw new AppFailure({ kind: 'internal', message: 'The history could not be read.' })
      },
    })
    expect(await chat().openSession('s1')).toBeNull()
    expect(chat().status).toBe('failed')
    expect(chat().loadError?.message).toBe('The history could not be read.')
  })
})

describe('chat store with a long session', () => {
  // m1 … m120, oldest first; the core hands out the latest 20 and earlier pages on request.
  const all = Array.from({ length: 120 }, (_, i) =>
    message({ id: `m${i + 1}`, sessionId: 'long', role: i % 2 ? 'assistant' : 'user' }),
  )
  const before = (id: string, limit: number) => {
    const end = all.findIndex((m) => m.id === id)
    const start = Math.max(0, end - limit)
    return { messages: all.slice(start, end), hasOlder: start > 0 }
  }
  const longSession = (overrides: Parameters<typeof setup>[0] = {}) =>
    setup({
      'sessions:get': ({ id }) => ({
        id,
        title: 'Long',
        modelId: 'gpt-4o',
        createdAt: 1,
        updatedAt: 1,
        pinned: false,
        systemPrompt: 'Be brief.',
        messages: all.slice(-20),
        hasOlder: true,
      }),
      'sessions:olderMessages': ({ beforeId, limit }) => before(beforeId, limit ?? 20),
      ...overrides,
    })
  const ids = (messages: { id: string }[]) => messages.map((m) => m.id)

  it('opens at the latest messages and prepends earlier pages on request', async () => {
    const { core, chat } = longSession()
    await chat().openSession('long')
    expect(ids(chat().messages)).toEqual(ids(all.slice(-20)))
    expect(chat()).toMatchObject({ hasOlder: true, systemPrompt: 'Be brief.' })

    await chat().loadOlder()
    expect(core.callsTo('sessions:olderMessages')).toEqual([
      { id: 'long', beforeId: 'm101', limit: 20 },
    ])
    expect(ids(chat().messages)).toEqual(ids(all.slice(-40)))
    while (chat().hasOlder) await chat().loadOlder()
    expect(ids(chat().messages)).toEqual(ids(all))
    expect(core.callsTo('sessions:olderMessages')).toHaveLength(5)
    await chat().loadOlder()
    expect(core.callsTo('sessions:olderMessages')).toHaveLength(5)
  })

  it('asks for one page at a time however often the view asks', async () => {
    const { core, chat } = longSession()
    await chat().openSession('long')
    await Promise.all([chat().loadOlder(), chat().loadOlder(), chat().loadOlder()])
    expect(core.callsTo('sessions:olderMessages')).toHaveLength(1)
  })

  it('pages back until a search result is loaded and makes it the target', async () => {
    const { core, chat } = longSession()
    await chat().openSession('long', { atMessageId: 'm7' })
    expect(core.callsTo('sessions:olderMessages').map((c) => c.beforeId)).toEqual(['m101'])
    expect(chat().messages[0]?.id).toBe('m1')
    expect(chat().status).toBe('ready')
    expect(chat().targetMessageId).toBe('m7')
    chat().clearTarget()
    expect(chat().targetMessageId).toBeNull()
  })

  it('opens at the latest messages when the search result cannot be reached', async () => {
    const { chat } = longSession({
      'sessions:olderMessages': () => {
        throw new AppFailure({ kind: 'internal', message: 'The history could not be read.' })
      },
    })
    expect(await chat().openSession('long', { atMessageId: 'm7' })).not.toBeNull()
    expect(ids(chat().messages)).toEqual(ids(all.slice(-20)))
    expect(chat().targetMessageId).toBeNull()
  })

  it('keeps the pages scrolled back to when the open session is refreshed', async () => {
    const { chat } = longSession()
    await chat().openSession('long')
    await chat().loadOlder()
    await chat().refresh()
    expect(ids(chat().messages)).toEqual(ids(all.slice(-40)))
    expect(chat().hasOlder).toBe(true)
  })

  it('drops a page that arrives after another conversation was opened', async () => {
    const { chat } = longSession()
    await chat().openSession('long')
    const loading = chat().loadOlder()
    chat().newChat()
    await loading
    expect(chat().messages).toEqual([])
    expect(chat().loadingOlder).toBe(false)
  })
})
