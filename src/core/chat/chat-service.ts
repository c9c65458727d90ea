import { randomUUID } from 'node:crypto'
import type {
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  Message,
} from '../../shared/contract.ts'
import { toAppError, type AppError } from '../../shared/errors.ts'
import type { StreamOutcome } from '../copilot/stream-chat-completion.ts'
import { streamChatCompletion, type ChatTurn } from '../copilot/stream-chat-completion.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import type { Log } from '../ports.ts'
import type { SessionStore } from '../sessions/session-store.ts'
import { createDeltaBatcher } from './delta-batcher.ts'

/** A streaming answer is saved at least this often, so a crash loses at most this much. */
const checkpointIntervalMs = 1_000

export type ChatDeps = {
  copilot: CopilotDeps
  store: SessionStore
  log: Log
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** Sends messages and streams answers into the session store and the `chat:*` events. */
export type ChatService = {
  send(input: ChannelInput<'chat:send'>): Promise<ChannelOutput<'chat:send'>>
  stop(streamId: string): void
  /** Aborts every stream, e.g. when the host shuts down. */
  stopAll(): void
}

export function createChatService(deps: ChatDeps): ChatService {
  const { store, copilot, log, emit } = deps
  const streams = new Map<string, AbortController>()

  async function run(streamId: string, assistant: Message, turns: ChatTurn[], modelId: string) {
    const controller = streams.get(streamId) as AbortController
    let content = ''
    let lastCheckpointAt = copilot.clock.now()
    const batcher = createDeltaBatcher((text) => emit('chat:delta', { streamId, text }))
    const finish = async (status: Message['status'], error?: AppError) => {
      batcher.flush()
      streams.delete(streamId)
      const message: Message = { ...assistant, content, status, ...(error ? { error } : {}) }
      await store.updateMessage(assistant.id, { content, status, ...(error ? { error } : {}) })
      await store.touchSession(assistant.sessionId, copilot.clock.now(), modelId)
      if (error) emit('chat:failed', { streamId, error, message })
      else emit('chat:done', { streamId, message })
      emit('sessions:changed', {})
    }

    let outcome: StreamOutcome
    try {
      outcome = await streamChatCompletion(
        copilot,
        { model: modelId, messages: turns, initiator: 'user', signal: controller.signal },
        (text) => {
          content += text
          batcher.push(text)
          const now = copilot.clock.now()
          if (now - lastCheckpointAt >= checkpointIntervalMs) {
            lastCheckpointAt = now
            void store.updateMessage(assistant.id, { content, status: 'streaming' })
          }
        },
      )
    } catch (thrown) {
      if (controller.signal.aborted) return finish('stopped')
      const error = toAppError(thrown)
      if (error.kind === 'internal') log.error('chat stream failed', { error: String(thrown) })
      return finish('failed', error)
    }
    log.info('answer complete', { finishReason: outcome.finishReason, usage: outcome.usage })
    return finish('complete')
  }

  return {
    async send({ sessionId, modelId, text }) {
      // Fail before anything is written when nobody is signed in.
      copilot.auth.credentials()
      const now = copilot.clock.now()
      const session = sessionId
        ? await store.getSession(sessionId)
        : { ...(await store.createSession({ title: titleFrom(text), modelId, now })), messages: [] }
      const history: ChatTurn[] = session.messages
        .filter((m) => m.content.length > 0 && (m.role === 'user' || m.status !== 'failed'))
        .map((m) => ({ role: m.role, content: m.content }))
      const userMessage = await store.addMessage({
        sessionId: session.id,
        role: 'user',
        content: text,
        status: 'complete',
        createdAt: now,
      })
      const assistantMessage = await store.addMessage({
        sessionId: session.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
        modelId,
        createdAt: now,
      })
      await store.touchSession(session.id, now, modelId)
      emit('sessions:changed', {})

      const streamId = randomUUID()
      streams.set(streamId, new AbortController())
      void run(
        streamId,
        assistantMessage,
        [...history, { role: 'user', content: text }],
        modelId,
      ).catch((thrown: unknown) =>
        log.error('could not save the answer', { error: String(thrown) }),
      )
      return { streamId, sessionId: session.id, userMessage, assistantMessage }
    },

    stop(streamId) {
      streams.get(streamId)?.abort()
    },

    stopAll() {
      for (const controller of streams.values()) controller.abort()
    },
  }
}

/** Until a model names the conversation, its title is the first words of the first prompt. */
export function titleFrom(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ')
  return words.length <= 60 ? words : `${words.slice(0, 57).trimEnd()}…`
}
