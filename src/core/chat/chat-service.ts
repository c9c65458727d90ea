import { randomUUID } from 'node:crypto'
import type {
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  Message,
  Session,
} from '../../shared/contract.ts'
import { AppFailure, toAppError, type AppError } from '../../shared/errors.ts'
import type { ChatTurn, StreamOutcome } from '../copilot/answer-stream.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import type { ModelRoute } from '../copilot/model-route.ts'
import type { ModelService } from '../models/model-service.ts'
import { streamAnswerWithRetries, type RetryPolicy } from '../copilot/retry-answer.ts'
import type { Log } from '../ports.ts'
import type { SessionStore, TurnStart, TurnStarted } from '../sessions/session-store.ts'
import { answerUsage } from './answer-usage.ts'
import { createDeltaBatcher } from './delta-batcher.ts'
import { historyTurns, turnsBefore } from './history-turns.ts'
import { writeTitle } from './title-writer.ts'

/** A streaming answer is saved at least this often, so a crash loses at most this much. */
const checkpointIntervalMs = 1_000

/**
 * What the model is asked after an answer was cut off (issue 4 §6, "Continue"). The reply is
 * appended to the cut-off text, so it must pick up mid-sentence without repeating anything.
 */
export const continuePrompt =
  'Your previous answer was cut off. Continue exactly where it stopped, without repeating anything and without any preamble.'

/** What the chat service needs to know about models: routes, prices and vision, recent use. */
export type ChatModels = Pick<ModelService, 'route' | 'model' | 'noteUsed' | 'smallModelId'>

/** The chat service's collaborators: Copilot, models, the session store, the log and events. */
export type ChatDeps = {
  copilot: CopilotDeps
  models: ChatModels
  store: SessionStore
  log: Log
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** The system prompt a new conversation starts with. */
  defaultSystemPrompt(): string
  /** Overrides the retry policy (tests). */
  retryPolicy?: RetryPolicy
}

type Started = ChannelOutput<'chat:send'>

/** Sends messages and streams answers into the session store and the `chat:*` events. */
export type ChatService = {
  send(input: ChannelInput<'chat:send'>): Promise<Started>
  regenerate(input: ChannelInput<'chat:regenerate'>): Promise<Started>
  edit(input: ChannelInput<'chat:edit'>): Promise<Started>
  continue(input: ChannelInput<'chat:continue'>): Promise<Started>
  /** Stops an answer; with `shownLength`, it is kept (and saved) as that much of its text. */
  stop(streamId: string, shownLength?: number): void
  /**
   * A session is being deleted: stops its answers and title (resolving once each has saved), and
   * stops at once any answer that starts in it until `reopenSession` (Undo).
   */
  closeSession(sessionId: string): Promise<void>
  reopenSession(sessionId: string): void
  /** Aborts every stream (sign-out, shutdown) and resolves once each has saved what it had. */
  stopAll(): Promise<void>
}

/** One answer to stream into `assistant`, which may already hold text (a continuation). */
type AnswerJob = {
  session: Session
  userMessage: Message
  assistant: Message
  turns: ChatTurn[]
  route: ModelRoute
  /** §5.3: `user` only when a person asked for a new answer; retries and continuations are `agent`. */
  initiator: 'user' | 'agent'
  /**
   * The conversation still has the first words of its prompt as its title (no answer before this
   * one completed, or naming failed): once this one completes, the small model names it.
   */
  namesSession: boolean
}

/** Creates the chat service; each answer streams in the background after the call returns. */
export function createChatService(deps: ChatDeps): ChatService {
  const { store, copilot, models, log, emit } = deps
  const streams = new Map<
    string,
    {
      controller: AbortController
      finished: Promise<void>
      sessionId: string
      /** Set by Stop: how much of the answer the person saw. */
      shownLength?: number
    }
  >()

  async function run(streamId: string, controller: AbortController, job: AnswerJob) {
    const { assistant, route } = job
    let content = assistant.content
    let reasoning = assistant.reasoning ?? ''
    let lastCheckpointAt = copilot.clock.now()
    // Retries go out as `agent` (§5.3), so an answer that needed one counted no premium request.
    let billedAs = job.initiator
    const batcher = createDeltaBatcher((batch) =>
      emit('chat:delta', {
        streamId,
        text: batch.text,
        ...(batch.reasoning ? { reasoning: batch.reasoning } : {}),
      }),
    )

    // The final event is always sent, even when saving fails, so no answer spins forever.
    const finish = async (
      status: Message['status'],
      streamError?: AppError,
      outcome?: StreamOutcome,
    ) => {
      batcher.flush()
      let error = streamError
      const usage = outcome?.usage
        ? answerUsage(outcome.usage, models.model(route.id), billedAs)
        : undefined
      const saved = {
        content,
        status,
        ...(reasoning ? { reasoning } : {}),
        ...(usage ? { usage } : {}),
      }
      try {
        await store.updateMessage(assistant.id, { ...saved, ...(error ? { error } : {}) })
      } catch (thrown) {
        log.error('could not save the answer', { error: String(thrown) })
        error ??= {
          kind: 'internal',
          message: 'LogAI could not save this answer. Copy it now if you need it.',
        }
      }
      // The answer is safe either way; only the session's place in the list may be stale.
      await store
        .touchSession(assistant.sessionId, copilot.clock.now(), route.id)
        .catch((thrown: unknown) =>
          log.warn('could not move the session up', { error: String(thrown) }),
        )
      const { error: _previous, ...rest } = assistant
      const message: Message = { ...rest, ...saved, ...(error ? { error } : {}) }
      if (error) emit('chat:failed', { streamId, error, message })
      else emit('chat:done', { streamId, message })
      emit('sessions:changed', {})
    }

    const checkpoint = () => {
      lastCheckpointAt = copilot.clock.now()
      store
        .updateMessage(assistant.id, {
          content,
          status: 'streaming',
          ...(reasoning ? { reasoning } : {}),
        })
        .catch((thrown: unknown) => log.warn('checkpoint failed', { error: String(thrown) }))
    }

    let outcome: StreamOutcome
    try {
      outcome = await streamAnswerWithRetries(
        copilot,
        {
          route,
          messages: job.turns,
          initiator: job.initiator,
          signal: controller.signal,
        },
        (event) => {
          if (controller.signal.aborted) return
          if (event.type === 'text') {
            content += event.text
            batcher.push(event.text)
          } else {
            reasoning += event.text
            batcher.pushReasoning(event.text)
          }
          if (copilot.clock.now() - lastCheckpointAt >= checkpointIntervalMs) checkpoint()
        },
        {
          ...(deps.retryPolicy ? { policy: deps.retryPolicy } : {}),
          onRetry: ({ attempt, delayMs, error }) => {
            billedAs = 'agent'
            emit('chat:retrying', { streamId, attempt, delayMs, message: error.message })
          },
        },
      )
    } catch (thrown) {
      if (controller.signal.aborted) {
        // Stop keeps the answer as the person saw it: text still on its way is dropped.
        const shown = streams.get(streamId)?.shownLength
        if (shown !== undefined && shown < content.length) {
          batcher.discard()
          content = content.slice(0, Math.max(shown, assistant.content.length))
        }
        return finish('stopped')
      }
      const error = toAppError(thrown)
      if (error.kind === 'internal') log.error('chat stream failed', { error: String(thrown) })
      return finish('failed', error)
    }
    log.info('answer complete', { finishReason: outcome.finishReason, usage: outcome.usage })
    await finish('complete', undefined, outcome)
    if (job.namesSession) nameSession(job, content)
  }

  /** Titles being written; stopped and awaited with the answers. */
  const naming = new Set<{ controller: AbortController; done: Promise<void>; sessionId: string }>()

  /** Sessions being deleted: an answer that starts in one now stops at once (Undo reopens it). */
  const closed = new Set<string>()

  /**
   * Replaces the first words of the prompt with a title from the small model (issue 5 §3), in the
   * background: the answer is already done, and the conversation can go on meanwhile.
   */
  function nameSession(job: AnswerJob, answer: string) {
    const controller = new AbortController()
    const entry = {
      controller,
      sessionId: job.session.id,
      done: (async () => {
        const title = await writeTitle(
          { copilot, models, log },
          { prompt: job.userMessage.content, answer },
          controller.signal,
        )
        if (!title || controller.signal.aborted) return
        if (await store.renameSession(job.session.id, title, 'model')) {
          emit('sessions:changed', {})
        }
      })()
        .catch((thrown: unknown) => log.warn('could not save the title', { error: String(thrown) }))
        .finally(() => naming.delete(entry)),
    }
    naming.add(entry)
  }

  /** Starts streaming `job` in the background and returns what the renderer follows. */
  function start(job: AnswerJob): Started {
    const streamId = randomUUID()
    const controller = new AbortController()
    // Deleted while this turn was being written: it is saved as stopped, and nothing is asked.
    if (closed.has(job.session.id)) controller.abort()
    const finished = run(streamId, controller, job)
      .catch((thrown: unknown) => log.error('answer failed', { error: String(thrown) }))
      .finally(() => streams.delete(streamId))
    streams.set(streamId, { controller, finished, sessionId: job.session.id })
    try {
      models.noteUsed(job.route.id)
    } catch {
      // The recently used list is a convenience: the answer goes on (the state file logged why).
    }
    return {
      streamId,
      sessionId: job.session.id,
      userMessage: job.userMessage,
      assistantMessage: job.assistant,
    }
  }

  /**
   * Writes the turn in one transaction, so a failed write leaves the conversation as it was, then
   * streams its empty answer as the job that `job` builds from what was written. The answer names
   * the conversation while its title is still the prompt's.
   */
  async function startTurn(
    turn: TurnStart,
    job: (written: TurnStarted) => Pick<AnswerJob, 'session' | 'userMessage' | 'turns'>,
    route: ModelRoute,
    initiator: AnswerJob['initiator'],
  ): Promise<Started> {
    const written = await store.startTurn(turn)
    emit('sessions:changed', {})
    return start({
      ...job(written),
      assistant: written.answer,
      route,
      initiator,
      namesSession: written.titleSource === 'prompt',
    })
  }

  /** Refuses images for a model that cannot see them, before anything is written. */
  function checkImages(modelId: string, images: Message['images']) {
    if (!images?.length) return
    const model = models.model(modelId)
    if (model && !model.supportsVision) {
      throw new AppFailure({
        kind: 'invalid_input',
        message: `${model.name} cannot see images. Pick a model with vision, or remove the images.`,
      })
    }
  }

  /** The session and the position of message `messageId` in it, which must have `role`. */
  async function locate(sessionId: string, messageId: string, role: Message['role']) {
    const session = await store.getConversation(sessionId)
    const index = session.messages.findIndex((m) => m.id === messageId)
    const message = session.messages[index]
    if (!message || message.role !== role) {
      throw new AppFailure({ kind: 'invalid_input', message: 'That message no longer exists.' })
    }
    if ([...streams.values()].some((stream) => stream.sessionId === sessionId)) {
      throw new AppFailure({
        kind: 'invalid_input',
        message: 'Wait for the current answer to finish, or stop it first.',
      })
    }
    return { session, index, message }
  }

  return {
    async send({ sessionId, modelId, text, images, systemPrompt }) {
      // Fail before anything is written when nobody is signed in or the model cannot be used.
      copilot.auth.credentials()
      const route = await models.route(modelId)
      checkImages(modelId, images)
      const conversation = sessionId ? await store.getConversation(sessionId) : null
      const startPrompt = systemPrompt ?? deps.defaultSystemPrompt()
      const turn: TurnStart = {
        session: conversation
          ? { id: conversation.id }
          : { start: { title: titleFrom(text), systemPrompt: startPrompt } },
        prompt: { content: text, ...(images?.length ? { images } : {}) },
        modelId: route.id,
        now: copilot.clock.now(),
      }
      const job = (written: TurnStarted) => {
        const session = conversation ?? {
          ...written.session,
          systemPrompt: startPrompt,
          messages: [],
          hasOlder: false,
        }
        const userMessage = writtenPrompt(written)
        return {
          session,
          userMessage,
          turns: historyTurns(session, [...session.messages, userMessage]),
        }
      }
      return startTurn(turn, job, route, 'user')
    },

    async regenerate({ sessionId, messageId, modelId }) {
      copilot.auth.credentials()
      const route = await models.route(modelId)
      const { session, index, message } = await locate(sessionId, messageId, 'assistant')
      const userMessage = session.messages.slice(0, index).findLast((m) => m.role === 'user')
      if (!userMessage) {
        throw new AppFailure({ kind: 'invalid_input', message: 'There is nothing to answer.' })
      }
      checkImages(modelId, userMessage.images)
      // Trying again after a failure is a retry (agent); asking for a new answer is the person's.
      const isRetry = message.status === 'failed' || message.status === 'interrupted'
      return startTurn(
        {
          session: { id: sessionId },
          replaceFrom: messageId,
          modelId: route.id,
          now: copilot.clock.now(),
        },
        () => ({ session, userMessage, turns: turnsBefore(session, index) }),
        route,
        isRetry ? 'agent' : 'user',
      )
    },

    async edit({ sessionId, messageId, modelId, text }) {
      copilot.auth.credentials()
      const route = await models.route(modelId)
      const { session, index, message } = await locate(sessionId, messageId, 'user')
      checkImages(modelId, message.images)
      const turn: TurnStart = {
        session: { id: sessionId },
        replaceFrom: messageId,
        prompt: { content: text, ...(message.images?.length ? { images: message.images } : {}) },
        modelId: route.id,
        now: copilot.clock.now(),
      }
      const job = (written: TurnStarted) => {
        const userMessage = writtenPrompt(written)
        const earlier = session.messages.slice(0, index)
        const turns = historyTurns(session, [...earlier, userMessage])
        return { session, userMessage, turns }
      }
      return startTurn(turn, job, route, 'user')
    },

    async continue({ sessionId, messageId, modelId }) {
      copilot.auth.credentials()
      const route = await models.route(modelId)
      const { session, index, message } = await locate(sessionId, messageId, 'assistant')
      const userMessage = session.messages.slice(0, index).findLast((m) => m.role === 'user')
      if (index !== session.messages.length - 1 || !message.content || !userMessage) {
        throw new AppFailure({
          kind: 'invalid_input',
          message: 'Only the last answer can be continued, and only when it has some text.',
        })
      }
      const turns: ChatTurn[] = [
        ...turnsBefore(session, index),
        { role: 'assistant', content: message.content },
        { role: 'user', content: continuePrompt },
      ]
      const { error: _dropped, ...rest } = message
      const assistant: Message = { ...rest, status: 'streaming', modelId: route.id }
      await store.updateMessage(assistant.id, {
        content: assistant.content,
        status: 'streaming',
        ...(assistant.reasoning ? { reasoning: assistant.reasoning } : {}),
      })
      emit('sessions:changed', {})
      return start({
        session,
        userMessage,
        assistant,
        turns,
        route,
        initiator: 'agent',
        namesSession: !hasCompleteAnswer(session.messages.slice(0, index)),
      })
    },

    stop(streamId, shownLength) {
      const stream = streams.get(streamId)
      if (!stream) return
      stream.shownLength = shownLength
      stream.controller.abort()
    },

    async closeSession(sessionId) {
      closed.add(sessionId)
      const running = [...streams.values(), ...naming].filter(
        (task) => task.sessionId === sessionId,
      )
      for (const task of running) task.controller.abort()
      await Promise.all(running.map((task) => ('finished' in task ? task.finished : task.done)))
    },

    reopenSession(sessionId) {
      closed.delete(sessionId)
    },

    async stopAll() {
      const running = [...streams.values(), ...naming]
      for (const task of running) task.controller.abort()
      await Promise.all([...streams.values()].map((stream) => stream.finished))
      // An answer that finished meanwhile may have started naming its session.
      for (const task of naming) task.controller.abort()
      await Promise.all([...naming].map((task) => task.done))
    },
  }
}

function hasCompleteAnswer(messages: Message[]): boolean {
  return messages.some((m) => m.role === 'assistant' && m.status === 'complete')
}

/** The person's message a turn with a prompt wrote. */
function writtenPrompt(written: TurnStarted): Message {
  if (!written.prompt) throw new Error('the turn was written without its prompt')
  return written.prompt
}

/** Until a model names the conversation, its title is the first words of the first prompt. */
export function titleFrom(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ')
  return words.length <= 60 ? words : `${words.slice(0, 57).trimEnd()}…`
}
