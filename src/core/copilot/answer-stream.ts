import { assertNever } from '../../shared/errors.ts'
import type { CopilotDeps } from './copilot-request.ts'
import type { ModelRoute } from './model-route.ts'
import { streamViaChatCompletions } from './stream-chat-completion.ts'
import { streamViaMessages } from './stream-messages.ts'
import { streamViaResponses } from './stream-responses.ts'

/** An attached image, sent inline as base64 (copilot-protocol.md §7.1, §8.1, §9). */
export type ImagePart = { mediaType: string; base64: string }

/** One message of the conversation sent to the model. Images are sent with user turns only. */
export type ChatTurn = {
  role: 'system' | 'user' | 'assistant'
  content: string
  images?: ImagePart[]
}

/** One piece of an answer as it streams: answer text, or the model's reasoning summary. */
export type AnswerEvent = { type: 'text'; text: string } | { type: 'reasoning'; text: string }

/**
 * Token counts the service reported. `promptTokens` includes cached tokens on every endpoint;
 * `reasoningTokens` is part of `completionTokens`.
 */
export type Usage = {
  promptTokens: number
  completionTokens: number
  cachedTokens?: number
  reasoningTokens?: number
}

/**
 * How an answer ended: its finish reason (`stop`, `length`, or the service's own word) and token
 * usage, when the service sent them.
 */
export type StreamOutcome = { finishReason: string | undefined; usage: Usage | undefined }

/** One answer to ask for: which model and route, the conversation, and how it is billed. */
export type AnswerRequest = {
  route: ModelRoute
  messages: ChatTurn[]
  /** Billing (§5.3): `user` only for the request a person's Send started. */
  initiator: 'user' | 'agent'
  signal: AbortSignal
  /** Ask for and deliver reasoning summaries / thinking; default true. */
  showReasoning?: boolean
}

/**
 * Streams one answer from the endpoint the model's route names (copilot-protocol.md §6.2),
 * calling `onEvent` for each piece of text or reasoning in order. Resolves with the outcome when
 * the answer is complete; rejects with an `AppFailure` (kept text already delivered) when the
 * service refuses, fails mid-stream, filters the answer, or the connection drops first.
 */
export function streamAnswer(
  deps: CopilotDeps,
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
): Promise<StreamOutcome> {
  const deliver =
    request.showReasoning === false
      ? (event: AnswerEvent) => {
          if (event.type !== 'reasoning') onEvent(event)
        }
      : onEvent
  const endpoint = request.route.endpoint
  switch (endpoint) {
    case 'chat_completions':
      return streamViaChatCompletions(deps, request, deliver)
    case 'responses':
      return streamViaResponses(deps, request, deliver)
    case 'messages':
      return streamViaMessages(deps, request, deliver)
    default:
      return assertNever(endpoint)
  }
}
