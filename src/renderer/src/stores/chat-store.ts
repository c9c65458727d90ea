import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  ChannelOutput,
  EventPayload,
  Image,
  Message,
  Session,
} from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

/** An answer still streaming, in the open session or another one. */
export type LiveStream = {
  streamId: string
  sessionId: string
  messageId: string
  /** Everything streamed so far, so reopening its session shows the whole answer. */
  content: string
  /** The "Thinking" text streamed so far. */
  reasoning: string
  /** Set while a failed request waits to be tried again (§11.1), cleared by the next text. */
  retry: { attempt: number; delayMs: number; message: string } | null
}

export type ChatStoreState = {
  /** The open session; null for a new chat the core has not created yet. */
  sessionId: string | null
  messages: Message[]
  status: 'ready' | 'loading' | 'failed'
  loadError: AppError | null
  streams: Record<string, LiveStream>
  /** The open conversation's system prompt; for a new chat, the one it will start with. */
  systemPrompt: string
  sending: boolean
  sendError: AppError | null
  stopError: AppError | null
  /** Earlier messages exist than the first one loaded (`loadOlder` fetches them). */
  hasOlder: boolean
  loadingOlder: boolean
  olderError: AppError | null
  /** The message a search result opened the conversation at, until the view has shown it. */
  targetMessageId: string | null
}

export type ChatStoreActions = {
  newChat(): void
  /**
   * Opens a session; resolves to it, or null when it failed or another view replaced it. With
   * `atMessageId`, earlier pages are loaded until that message is there, and it becomes the target.
   */
  openSession(id: string, options?: { atMessageId?: string | null }): Promise<Session | null>
  /** Prepends the page of messages before the first one loaded. */
  loadOlder(): Promise<void>
  /** The view has scrolled to the target message. */
  clearTarget(): void
  /** Reloads the open session without clearing it. */
  refresh(): Promise<void>
  /** Resolves true once the core accepted the message. */
  send(input: { text: string; modelId: string; images?: Image[] }): Promise<boolean>
  /** Replaces answer `messageId` (and every later turn) with a new one. */
  regenerate(input: { messageId: string; modelId: string }): Promise<boolean>
  /** Replaces the person's message `messageId` with `text`, drops later turns, and resends. */
  edit(input: { messageId: string; modelId: string; text: string }): Promise<boolean>
  /** Asks the model to carry on answer `messageId`, which was cut off. */
  continueAnswer(input: { messageId: string; modelId: string }): Promise<boolean>
  /** Sets the system prompt of the open conversation (or of the next new chat). */
  setSystemPrompt(systemPrompt: string): Promise<boolean>
  /** The system prompt a new chat starts with (the app-wide default). */
  setDefaultSystemPrompt(systemPrompt: string): void
  stop(): Promise<void>
  receiveDelta(payload: EventPayload<'chat:delta'>): void
  receiveRetrying(payload: EventPayload<'chat:retrying'>): void
  receiveDone(payload: EventPayload<'chat:done'>): void
  receiveFailed(payload: EventPayload<'chat:failed'>): void
  /** Applies the deltas buffered since the last frame. */
  flush(): void
  reset(): void
}

export type ChatStore = StoreApi<ChatStoreState & ChatStoreActions>

export type ChatStoreOptions = {
  /** Runs a callback before the next paint; deltas are applied at most once per call. */
  scheduleFrame?: (callback: () => void) => void
  /** Told when the core accepted a request to answer with this model (recently used list). */
  onModelUsed?: (modelId: string) => void
}

export const initialChatState: ChatStoreState = {
  sessionId: null,
  messages: [],
  status: 'ready',
  loadError: null,
  streams: {},
  systemPrompt: '',
  sending: false,
  sendError: null,
  stopError: null,
  hasOlder: false,
  loadingOlder: false,
  olderError: null,
  targetMessageId: null,
}

// The latest messages a conversation opens with: two or three screens of typical answers. Every
// message rendered costs markdown work before the first paint (issue 5: a long session's last
// screen painted ≤ 150 ms), and earlier ones load as the reader scrolls up, a page at a time:
// a page short enough that rendering it is no long task in the middle of a scroll.
const openPageSize = 12
// Past this length an answer's deltas are applied every other frame (30 times a second): each
// update's style, layout and paint grow with the answer (7 ms a frame at 1 KB, 13 ms at 1 MB), and
// at half the rate the renderer leaves the machine's cores to the rest more often. Stop stays
// exact: deltas not applied yet are dropped with the rest, and what is shown is what is saved.
const longAnswerChars = 100_000
// Earlier messages per request when scrolling up; more when looking for a search result's message.
const olderPageSize = 20
const targetPageSize = 200

type StreamEvent =
  | { type: 'delta'; payload: EventPayload<'chat:delta'> }
  | { type: 'retrying'; payload: EventPayload<'chat:retrying'> }
  | { type: 'done'; payload: EventPayload<'chat:done'> }
  | { type: 'failed'; payload: EventPayload<'chat:failed'> }

// Events for a stream can beat the `chat:send` answer that names it; keep a few streams' worth.
const maxOrphanStreams = 16

/** The stream answering in the open session, if one is. */
export function activeStreamId(state: ChatStoreState): string | null {
  for (const stream of Object.values(state.streams)) {
    if (
      stream.sessionId === state.sessionId &&
      state.messages.some((m) => m.id === stream.messageId)
    )
      return stream.streamId
  }
  return null
}

function replaceMessage(
  messages: Message[],
  id: string,
  update: (message: Message) => Message,
): Message[] {
  const index = messages.findIndex((m) => m.id === id)
  if (index === -1) return messages
  const next = messages.slice()
  next[index] = update(messages[index] as Message)
  return next
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record }
  delete next[key]
  return next
}

function defaultScheduleFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback())
  else setTimeout(callback, 16)
}

/** How an accepted request changes the messages on screen. */
type Placement = (messages: Message[], started: ChannelOutput<'chat:send'>) => Message[]

/** Drops message `id` and everything after it. */
function truncateAt(messages: Message[], id: string): Message[] {
  const index = messages.findIndex((m) => m.id === id)
  return index === -1 ? messages : messages.slice(0, index)
}

export function createChatStore(client: Client, options: ChatStoreOptions = {}): ChatStore {
  const scheduleFrame = options.scheduleFrame ?? defaultScheduleFrame
  const pending = new Map<string, { text: string; reasoning: string }>()
  // Streams the person stopped: their late deltas are not shown.
  const stopped = new Set<string>()
  let defaultSystemPrompt = ''
  const orphans = new Map<string, StreamEvent[]>()
  let frameScheduled = false
  // Bumped whenever the conversation on screen changes, so late answers for an old one are dropped.
  let view = 0
  // Bumped by reset (sign-out): nothing that was in flight before it may come back.
  let generation = 0

  const keepOrphan = (event: StreamEvent) => {
    const { streamId } = event.payload
    const events = orphans.get(streamId) ?? []
    events.push(event)
    orphans.set(streamId, events)
    if (orphans.size > maxOrphanStreams) {
      const oldest = orphans.keys().next().value
      if (oldest !== undefined) orphans.delete(oldest)
    }
  }

  return createStore<ChatStoreState & ChatStoreActions>()((set, get) => {
    // True when the event's stream is known; otherwise it is kept until `chat:send` names it.
    const isKnown = (event: StreamEvent) => {
      if (get().streams[event.payload.streamId]) return true
      keepOrphan(event)
      return false
    }

    const finish = (streamId: string, final: Message) => {
      const stream = get().streams[streamId]
      if (!stream) return
      pending.delete(streamId)
      stopped.delete(streamId)
      set((state) => ({
        streams: withoutKey(state.streams, streamId),
        messages: replaceMessage(state.messages, stream.messageId, () => final),
      }))
    }

    const replay = (streamId: string) => {
      const events = orphans.get(streamId)
      if (!events) return
      orphans.delete(streamId)
      const actions = get()
      for (const event of events) {
        if (event.type === 'delta') actions.receiveDelta(event.payload)
        else if (event.type === 'retrying') actions.receiveRetrying(event.payload)
        else if (event.type === 'done') actions.receiveDone(event.payload)
        else actions.receiveFailed(event.payload)
      }
    }

    const showView = (sessionId: string | null, status: ChatStoreState['status']) => {
      view++
      set({
        sessionId,
        messages: [],
        systemPrompt: sessionId === null ? defaultSystemPrompt : '',
        status,
        loadError: null,
        sendError: null,
        stopError: null,
        hasOlder: false,
        loadingOlder: false,
        olderError: null,
        targetMessageId: null,
      })
      return view
    }

    /** Pages back from `messages` until `messageId` is among them or nothing is older. */
    const pageBackTo = async (
      sessionId: string,
      messageId: string,
      loaded: { messages: Message[]; hasOlder: boolean },
    ): Promise<{ messages: Message[]; hasOlder: boolean } | null> => {
      let { messages, hasOlder } = loaded
      const mine = view
      while (hasOlder && !messages.some((m) => m.id === messageId)) {
        const first = messages[0]
        if (!first) break
        const page = await client.request('sessions:olderMessages', {
          id: sessionId,
          beforeId: first.id,
          limit: targetPageSize,
        })
        if (mine !== view) return null
        // The message could not be reached: open at the latest messages rather than not at all.
        if (!page.ok) break
        messages = [...page.value.messages, ...messages]
        hasOlder = page.value.hasOlder
      }
      return { messages, hasOlder }
    }

    const withLiveContent = (messages: Message[]): Message[] => {
      get().flush()
      const live = new Map(Object.values(get().streams).map((s) => [s.messageId, s]))
      return messages.map((m) => {
        const stream = live.get(m.id)
        if (!stream) return m
        const reasoning = stream.reasoning ? { reasoning: stream.reasoning } : {}
        return { ...m, content: stream.content, ...reasoning, status: 'streaming' }
      })
    }

    /**
     * Sends one request that starts an answer and, once the core accepts it, follows the stream.
     * `place` puts the new turns on screen, if the person is still looking at that conversation.
     */
    const startAnswer = async (
      modelId: string,
      request: () => Promise<
        { ok: true; value: ChannelOutput<'chat:send'> } | { ok: false; error: AppError }
      >,
      place: Placement,
    ): Promise<boolean> => {
      if (get().sending) return false
      const mine = view
      const myGeneration = generation
      set({ sending: true, sendError: null, stopError: null })
      const result = await request()
      // After a reset the answer belongs to a signed-out window: no stream is left to dangle.
      if (myGeneration !== generation) return result.ok
      if (!result.ok) {
        set(mine === view ? { sending: false, sendError: result.error } : { sending: false })
        return false
      }
      const started = result.value
      options.onModelUsed?.(modelId)
      const { streamId, sessionId, assistantMessage } = started
      const stream: LiveStream = {
        streamId,
        sessionId,
        messageId: assistantMessage.id,
        content: assistantMessage.content,
        reasoning: assistantMessage.reasoning ?? '',
        retry: null,
      }
      set((state) => ({
        sending: false,
        streams: { ...state.streams, [streamId]: stream },
        ...(mine === view ? { sessionId, messages: place(state.messages, started) } : {}),
      }))
      replay(streamId)
      return true
    }

    const openSessionId = () => {
      const { sessionId } = get()
      if (sessionId === null) throw new Error('No conversation is open.')
      return sessionId
    }

    return {
      ...initialChatState,
      newChat() {
        showView(null, 'ready')
      },
      async openSession(id, options = {}) {
        const mine = showView(id, 'loading')
        const result = await client.request('sessions:get', { id, limit: openPageSize })
        if (mine !== view) return null
        if (!result.ok) {
          set({ status: 'failed', loadError: result.error })
          return null
        }
        const target = options.atMessageId ?? null
        const loaded = target ? await pageBackTo(id, target, result.value) : result.value
        if (!loaded) return null
        set({
          status: 'ready',
          messages: withLiveContent(loaded.messages),
          systemPrompt: result.value.systemPrompt,
          hasOlder: loaded.hasOlder,
          targetMessageId: target && loaded.messages.some((m) => m.id === target) ? target : null,
        })
        return result.value
      },
      async loadOlder() {
        const { sessionId, messages, hasOlder, loadingOlder, status } = get()
        const first = messages[0]
        if (sessionId === null || !first || !hasOlder || loadingOlder || status !== 'ready') return
        const mine = view
        set({ loadingOlder: true, olderError: null })
        const result = await client.request('sessions:olderMessages', {
          id: sessionId,
          beforeId: first.id,
          limit: olderPageSize,
        })
        if (mine !== view) return
        if (!result.ok) {
          set({ loadingOlder: false, olderError: result.error })
          return
        }
        set((state) => {
          const known = new Set(state.messages.map((m) => m.id))
          const older = result.value.messages.filter((m) => !known.has(m.id))
          return {
            loadingOlder: false,
            hasOlder: result.value.hasOlder,
            messages: [...older, ...state.messages],
          }
        })
      },
      clearTarget() {
        set({ targetMessageId: null })
      },
      async refresh() {
        const { sessionId } = get()
        if (sessionId === null) return
        const mine = view
        const result = await client.request('sessions:get', { id: sessionId, limit: openPageSize })
        if (mine !== view || !result.ok) return
        const latest = withLiveContent(result.value.messages)
        // Keep the earlier pages the person scrolled back to in front of the latest one.
        const state = get()
        const overlap = latest[0] ? state.messages.findIndex((m) => m.id === latest[0]?.id) : -1
        set(
          overlap > 0
            ? {
                status: 'ready',
                loadError: null,
                messages: [...state.messages.slice(0, overlap), ...latest],
              }
            : {
                status: 'ready',
                loadError: null,
                messages: latest,
                hasOlder: result.value.hasOlder,
              },
        )
      },
      send({ text, modelId, images }) {
        const { sessionId, systemPrompt } = get()
        return startAnswer(
          modelId,
          () =>
            client.request('chat:send', {
              sessionId,
              modelId,
              text,
              ...(images?.length ? { images } : {}),
              ...(sessionId === null ? { systemPrompt } : {}),
            }),
          (messages, { userMessage, assistantMessage }) => [
            ...messages,
            userMessage,
            assistantMessage,
          ],
        )
      },
      regenerate({ messageId, modelId }) {
        const sessionId = openSessionId()
        return startAnswer(
          modelId,
          () => client.request('chat:regenerate', { sessionId, messageId, modelId }),
          (messages, { assistantMessage }) => [
            ...truncateAt(messages, messageId),
            assistantMessage,
          ],
        )
      },
      edit({ messageId, modelId, text }) {
        const sessionId = openSessionId()
        return startAnswer(
          modelId,
          () => client.request('chat:edit', { sessionId, messageId, modelId, text }),
          (messages, { userMessage, assistantMessage }) => [
            ...truncateAt(messages, messageId),
            userMessage,
            assistantMessage,
          ],
        )
      },
      continueAnswer({ messageId, modelId }) {
        const sessionId = openSessionId()
        return startAnswer(
          modelId,
          () => client.request('chat:continue', { sessionId, messageId, modelId }),
          (messages, { assistantMessage }) =>
            replaceMessage(messages, messageId, () => assistantMessage),
        )
      },
      async setSystemPrompt(systemPrompt) {
        const { sessionId } = get()
        if (sessionId === null) {
          set({ systemPrompt })
          return true
        }
        const mine = view
        const result = await client.request('sessions:setSystemPrompt', {
          id: sessionId,
          systemPrompt,
        })
        if (mine !== view) return result.ok
        if (!result.ok) {
          set({ sendError: result.error })
          return false
        }
        set({ systemPrompt })
        return true
      },
      setDefaultSystemPrompt(systemPrompt) {
        defaultSystemPrompt = systemPrompt
        if (get().sessionId === null && get().messages.length === 0) set({ systemPrompt })
      },
      async stop() {
        const streamId = activeStreamId(get())
        const stream = streamId ? get().streams[streamId] : undefined
        if (!streamId || !stream) return
        const mine = view
        // Stop freezes what is on screen: deltas not yet painted, and any still on their way,
        // are dropped, and the core saves the answer as it was shown.
        pending.delete(streamId)
        stopped.add(streamId)
        set({ stopError: null })
        const result = await client.request('chat:stop', {
          streamId,
          shownLength: stream.content.length,
        })
        if (!result.ok && mine === view) set({ stopError: result.error })
      },
      receiveDelta(payload) {
        if (stopped.has(payload.streamId)) return
        if (!isKnown({ type: 'delta', payload })) return
        const queued = pending.get(payload.streamId) ?? { text: '', reasoning: '' }
        queued.text += payload.text
        queued.reasoning += payload.reasoning ?? ''
        pending.set(payload.streamId, queued)
        if (frameScheduled) return
        frameScheduled = true
        const flush = () => get().flush()
        const shownSoFar = get().streams[payload.streamId]?.content.length ?? 0
        if (shownSoFar > longAnswerChars) scheduleFrame(() => scheduleFrame(flush))
        else scheduleFrame(flush)
      },
      receiveRetrying(payload) {
        if (!isKnown({ type: 'retrying', payload })) return
        const { streamId, attempt, delayMs, message } = payload
        set((state) => {
          const stream = state.streams[streamId]
          if (!stream) return {}
          const retry = { attempt, delayMs, message }
          return { streams: { ...state.streams, [streamId]: { ...stream, retry } } }
        })
      },
      receiveDone(payload) {
        if (!isKnown({ type: 'done', payload })) return
        finish(payload.streamId, payload.message)
      },
      receiveFailed(payload) {
        if (!isKnown({ type: 'failed', payload })) return
        finish(payload.streamId, {
          ...payload.message,
          error: payload.message.error ?? payload.error,
        })
      },
      flush() {
        frameScheduled = false
        if (pending.size === 0) return
        const appended = new Map(pending)
        pending.clear()
        set((state) => {
          const streams = { ...state.streams }
          let messages = state.messages
          for (const [streamId, piece] of appended) {
            const stream = streams[streamId]
            if (!stream) continue
            const content = stream.content + piece.text
            const reasoning = stream.reasoning + piece.reasoning
            streams[streamId] = { ...stream, content, reasoning, retry: null }
            messages = replaceMessage(messages, stream.messageId, (m) => ({
              ...m,
              content,
              ...(reasoning ? { reasoning } : {}),
            }))
          }
          return { streams, messages }
        })
      },
      reset() {
        view++
        generation++
        pending.clear()
        stopped.clear()
        orphans.clear()
        set({ ...initialChatState, systemPrompt: defaultSystemPrompt })
      },
    }
  })
}

export function useChat<T>(selector: (state: ChatStoreState & ChatStoreActions) => T): T {
  return useStore(useAppStores().chat, selector)
}
