import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { EventPayload, Message, Session } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc.ts'
import { useAppStores } from './context.ts'

/** An answer still streaming, in the open session or another one. */
export type LiveStream = {
  streamId: string
  sessionId: string
  messageId: string
  /** Everything streamed so far, so reopening its session shows the whole answer. */
  content: string
}

export type ChatStoreState = {
  /** The open session; null for a new chat the core has not created yet. */
  sessionId: string | null
  messages: Message[]
  status: 'ready' | 'loading' | 'failed'
  loadError: AppError | null
  streams: Record<string, LiveStream>
  sending: boolean
  sendError: AppError | null
  stopError: AppError | null
}

export type ChatStoreActions = {
  newChat(): void
  /** Opens a session; resolves to it, or null when it failed or another view replaced it. */
  openSession(id: string): Promise<Session | null>
  /** Reloads the open session without clearing it. */
  refresh(): Promise<void>
  /** Resolves true once the core accepted the message. */
  send(input: { text: string; modelId: string }): Promise<boolean>
  stop(): Promise<void>
  receiveDelta(payload: EventPayload<'chat:delta'>): void
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
}

export const initialChatState: ChatStoreState = {
  sessionId: null,
  messages: [],
  status: 'ready',
  loadError: null,
  streams: {},
  sending: false,
  sendError: null,
  stopError: null,
}

type StreamEvent =
  | { type: 'delta'; payload: EventPayload<'chat:delta'> }
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

export function createChatStore(client: Client, options: ChatStoreOptions = {}): ChatStore {
  const scheduleFrame = options.scheduleFrame ?? defaultScheduleFrame
  const pendingText = new Map<string, string>()
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
      pendingText.delete(streamId)
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
        else if (event.type === 'done') actions.receiveDone(event.payload)
        else actions.receiveFailed(event.payload)
      }
    }

    const showView = (sessionId: string | null, status: ChatStoreState['status']) => {
      view++
      set({
        sessionId,
        messages: [],
        status,
        loadError: null,
        sendError: null,
        stopError: null,
      })
      return view
    }

    const withLiveContent = (messages: Message[]): Message[] => {
      get().flush()
      const live = new Map(Object.values(get().streams).map((s) => [s.messageId, s]))
      return messages.map((m) => {
        const stream = live.get(m.id)
        return stream ? { ...m, content: stream.content, status: 'streaming' } : m
      })
    }

    return {
      ...initialChatState,
      newChat() {
        showView(null, 'ready')
      },
      async openSession(id) {
        const mine = showView(id, 'loading')
        const result = await client.request('sessions:get', { id })
        if (mine !== view) return null
        if (!result.ok) {
          set({ status: 'failed', loadError: result.error })
          return null
        }
        set({ status: 'ready', messages: withLiveContent(result.value.messages) })
        return result.value
      },
      async refresh() {
        const { sessionId } = get()
        if (sessionId === null) return
        const mine = view
        const result = await client.request('sessions:get', { id: sessionId })
        if (mine !== view || !result.ok) return
        set({ status: 'ready', loadError: null, messages: withLiveContent(result.value.messages) })
      },
      async send({ text, modelId }) {
        if (get().sending) return false
        const mine = view
        const myGeneration = generation
        set({ sending: true, sendError: null, stopError: null })
        const result = await client.request('chat:send', {
          sessionId: get().sessionId,
          modelId,
          text,
        })
        // After a reset the answer belongs to a signed-out window: no stream is left to dangle.
        if (myGeneration !== generation) return result.ok
        if (!result.ok) {
          set(mine === view ? { sending: false, sendError: result.error } : { sending: false })
          return false
        }
        const { streamId, sessionId, userMessage, assistantMessage } = result.value
        const stream: LiveStream = {
          streamId,
          sessionId,
          messageId: assistantMessage.id,
          content: assistantMessage.content,
        }
        set((state) => ({
          sending: false,
          streams: { ...state.streams, [streamId]: stream },
          ...(mine === view
            ? { sessionId, messages: [...state.messages, userMessage, assistantMessage] }
            : {}),
        }))
        replay(streamId)
        return true
      },
      async stop() {
        const streamId = activeStreamId(get())
        if (!streamId) return
        const mine = view
        set({ stopError: null })
        const result = await client.request('chat:stop', { streamId })
        if (!result.ok && mine === view) set({ stopError: result.error })
      },
      receiveDelta(payload) {
        if (!isKnown({ type: 'delta', payload })) return
        pendingText.set(payload.streamId, (pendingText.get(payload.streamId) ?? '') + payload.text)
        if (frameScheduled) return
        frameScheduled = true
        scheduleFrame(() => get().flush())
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
        if (pendingText.size === 0) return
        const appended = new Map(pendingText)
        pendingText.clear()
        set((state) => {
          const streams = { ...state.streams }
          let messages = state.messages
          for (const [streamId, text] of appended) {
            const stream = streams[streamId]
            if (!stream) continue
            const content = stream.content + text
            streams[streamId] = { ...stream, content }
            messages = replaceMessage(messages, stream.messageId, (m) => ({ ...m, content }))
          }
          return { streams, messages }
        })
      },
      reset() {
        view++
        generation++
        pendingText.clear()
        orphans.clear()
        set(initialChatState)
      },
    }
  })
}

export function useChat<T>(selector: (state: ChatStoreState & ChatStoreActions) => T): T {
  return useStore(useAppStores().chat, selector)
}
