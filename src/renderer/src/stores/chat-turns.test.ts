import { describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/contract.ts'
import { createFakeCore, message } from '../testing/fake-core.ts'
import { createManualFrames } from '../testing/manual-frames.ts'
import { activeStreamId, createChatStore } from './chat-store.ts'

/** A conversation of two turns the store has open: question, answer, follow-up, answer. */
const conversation: Message[] = [
  message({ id: 'u1', role: 'user', content: 'First question' }),
  message({ id: 'a1', role: 'assistant', content: 'First answer' }),
  message({ id: 'u2', role: 'user', content: 'Second question' }),
  message({ id: 'a2', role: 'assistant', content: 'Second answ', status: 'failed' }),
]

const started = (assistant: Message, user: Message) => ({
  streamId: 'stream-x',
  sessionId: 's1',
  userMessage: user,
  assistantMessage: assistant,
})

async function openConversation(overrides: Parameters<typeof createFakeCore>[0] = {}) {
  const core = createFakeCore({
    'sessions:get': ({ id }) => ({
      id,
      title: 'Two turns',
      modelId: 'gpt-4o',
      createdAt: 1,
      updatedAt: 1,
      pinned: false,
      systemPrompt: 'Be brief.',
      messages: conversation,
      hasOlder: false,
    }),
    ...overrides,
  })
  const frames = createManualFrames()
  const store = createChatStore(core.client, { scheduleFrame: frames.scheduleFrame })
  await store.getState().openSession('s1')
  return { core, frames, chat: () => store.getState() }
}

const contents = (messages: Message[]) => messages.map((m) => `${m.id}:${m.content}`)

describe('turn controls in the chat store', () => {
  it('shows the open conversation’s system prompt and saves a new one', async () => {
    const { core, chat } = await openConversation()
    expect(chat().systemPrompt).toBe('Be brief.')
    expect(await chat().setSystemPrompt('Answer in French.')).toBe(true)
    expect(core.callsTo('sessions:setSystemPrompt')).toEqual([
      { id: 's1', systemPrompt: 'Answer in French.' },
    ])
    expect(chat().systemPrompt).toBe('Answer in French.')
  })

  it('sends a new chat with its system prompt, defaulting to the app-wide one', async () => {
    const core = createFakeCore()
    const store = createChatStore(core.client)
    store.getState().setDefaultSystemPrompt('Default prompt')
    expect(store.getState().systemPrompt).toBe('Default prompt')
    await store.getState().setSystemPrompt('Just for this chat')
    await store.getState().send({ text: 'Hi', modelId: 'gpt-4o' })
    expect(core.callsTo('chat:send')[0]).toMatchObject({ systemPrompt: 'Just for this chat' })
    expect(core.callsTo('sessions:setSystemPrompt')).toEqual([])
  })

  it('regenerates: the answer and what follows it give way to the new answer', async () => {
    const fresh = message({ id: 'a2b', role: 'assistant', content: '', status: 'streaming' })
    const { core, chat } = await openConversation({
      'chat:regenerate': () => started(fresh, conversation[2]!),
    })
    expect(await chat().regenerate({ messageId: 'a2', modelId: 'claude-sonnet-4' })).toBe(true)
    expect(core.callsTo('chat:regenerate')).toEqual([
      { sessionId: 's1', messageId: 'a2', modelId: 'claude-sonnet-4' },
    ])
    expect(contents(chat().messages)).toEqual([
      'u1:First question',
      'a1:First answer',
      'u2:Second question',
      'a2b:',
    ])
    expect(activeStreamId(chat())).toBe('stream-x')
  })

  it('edits: the edited message and every later turn are replaced', async () => {
    const user = message({ id: 'u1b', role: 'user', content: 'Better question' })
    const answer = message({ id: 'a1b', role: 'assistant', content: '', status: 'streaming' })
    const { core, chat } = await openConversation({ 'chat:edit': () => started(answer, user) })
    await chat().edit({ messageId: 'u1', modelId: 'gpt-4o', text: 'Better question' })
    expect(core.callsTo('chat:edit')[0]).toMatchObject({ messageId: 'u1', text: 'Better question' })
    expect(contents(chat().messages)).toEqual(['u1b:Better question', 'a1b:'])
  })

  it('continues a cut-off answer in place, appending what streams', async () => {
    const resumed = { ...conversation[3]!, status: 'streaming' as const }
    const { frames, chat } = await openConversation({
      'chat:continue': () => started(resumed, conversation[2]!),
    })
    await chat().continueAnswer({ messageId: 'a2', modelId: 'gpt-4o' })
    chat().receiveDelta({ streamId: 'stream-x', text: 'er, finished.' })
    frames.run()
    expect(contents(chat().messages).at(-1)).toBe('a2:Second answer, finished.')
    expect(chat().messages).toHaveLength(4)
  })

  it('keeps the conversation as it was when the core refuses', async () => {
    const { chat } = await openConversation()
    expect(await chat().regenerate({ messageId: 'a2', modelId: 'gpt-4o' })).toBe(false)
    expect(chat().sendError?.kind).toBe('internal')
    expect(contents(chat().messages)).toEqual(contents(conversation))
  })

  it('streams reasoning beside the answer and shows a pending retry until text arrives', async () => {
    const core = createFakeCore()
    const frames = createManualFrames()
    const store = createChatStore(core.client, { scheduleFrame: frames.scheduleFrame })
    const chat = () => store.getState()
    await chat().send({ text: 'Why?', modelId: 'gpt-4o' })
    chat().receiveRetrying({
      streamId: 'stream-1',
      attempt: 1,
      delayMs: 2000,
      message: 'Copilot is rate limiting requests.',
    })
    expect(chat().streams['stream-1']?.retry).toMatchObject({ attempt: 1, delayMs: 2000 })
    chat().receiveDelta({ streamId: 'stream-1', text: '', reasoning: 'Considering…' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'Because.' })
    frames.run()
    const answer = chat().messages.at(-1)
    expect(answer).toMatchObject({ content: 'Because.', reasoning: 'Considering…' })
    expect(chat().streams['stream-1']?.retry).toBeNull()
  })
})

describe('Stop in the chat store', () => {
  it('freezes what is on screen: unpainted and late deltas are dropped, the shown length sent', async () => {
    const core = createFakeCore()
    const frames = createManualFrames()
    const store = createChatStore(core.client, { scheduleFrame: frames.scheduleFrame })
    const chat = () => store.getState()
    await chat().send({ text: 'Go', modelId: 'gpt-4o' })
    chat().receiveDelta({ streamId: 'stream-1', text: 'Shown ' })
    frames.run()
    chat().receiveDelta({ streamId: 'stream-1', text: 'not painted yet' })
    await chat().stop()
    chat().receiveDelta({ streamId: 'stream-1', text: ' late' })
    frames.run()
    expect(core.callsTo('chat:stop')).toEqual([{ streamId: 'stream-1', shownLength: 6 }])
    expect(chat().messages.at(-1)?.content).toBe('Shown ')
  })
})
