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

/** The chat service's collaborators: Copilot, the session store, the log and the event hub. */
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
  /** Aborts every stream (sign-out, shutdown) and resolves once each has saved what it had. */
  stopAll(): Promise<void>
}

/** Creates the chat service; each answer streams in the background after `send` returns. */
export function createChatService(deps: ChatDeps): ChatService {
  const { store, copilot, log, emit } = deps
  const streams = new Map<string, { controller: AbortController; finished: Promise<void> }>()

  async function run(
    streamId: string,
    controller: AbortController,
    assistant: Message,
    turns: ChatTurn[],
    modelId: string,
  ) {
    let content = ''
    let lastCheckpointAt = copilot.clock.now()
    const batcher = createDeltaBatcher((text) => emit('chat:delta', { streamId, text }))

    // The final event is always sent, even when saving fails, so no answer spins forever.
    const finish = async (status: Message['status'], streamError?: AppError) => {
      batcher.flush()
      let error = streamError
      try {
        await store.updateMessage(assistant.id, { content, status, ...(error ? { error } : {}) })
        await store.touchSession(assistant.sessionId, copilot.clock.now(), modelId)
      } catch (thrown) {
        log.error('could not save the answer', { error: String(thrown) })
        error ??= {
          kind: 'internal',
          message: 'LogAI could not save this answer. Copy it now if you need it.',
        }
      }
      const message: Message = { ...assistant, content, status, ...(error ? { error } : {}) }
      if (error) emit('chat:failed', { streamId, error, message })
      else emit('chat:done', { streamId, message })
      emit('sessions:changed', {})
    }

    const checkpoint = () => {
      lastCheckpointAt = copilot.clock.now()
      store
        .updateMessage(assistant.id, { content, status: 'streaming' })
        .catch((thrown: unknown) => log.warn('checkpoint failed', { error: String(thrown) }))
    }

    let outcome: StreamOutcome
    try {
      outcome = await streamChatCompletion(
        copilot,
        { model: modelId, messages: turns, initiator: 'user', signal: controller.signal },
        (text) => {
          content += text
          batcher.push(text)
          if (copilot.clock.now() - lastCheckpointAt >= checkpointIntervalMs) checkpoint()
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
      const controller = new AbortController()
      const turns = [...history, { role: 'user' as const, content: text }]
      const finished = run(streamId, controller, assistantMessage, turns, modelId)
        .catch((thrown: unknown) => log.error('answer failed', { error: String(thrown) }))
        .finally(() => streams.delete(streamId))
      streams.set(streamId, { controller, finished })
      return { streamId, sessionId: session.id, userMessage, assistantMessage }
    },

    stop(streamId) {
      streams.get(streamId)?.controller.abort()
    },

    async stopAll() {
      const running = [...streams.values()]
      for (const stream of running) stream.controller.abort()
      await Promise.all(running.map((stream) => stream.finished))
    },
  }
}

/** Until a model names the conversation, its title is the first words of the first prompt. */
export function titleFrom(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ')
  return words.length <= 60 ? words : `${words.slice(0, 57).trimEnd()}…`
}
