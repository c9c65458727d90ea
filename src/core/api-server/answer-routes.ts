import type { Endpoint } from '../copilot/model-route.ts'
import { anthropicToChatRequest } from './anthropic-to-chat-request.ts'
import { createAnthropicCollector, createAnthropicEncoder } from './anthropic-client.ts'
import { createChatCollector, createChatEncoder } from './chat-client.ts'
import { createChatStreamDecoder } from './chat-stream-decoder.ts'
import { chatToResponsesRequest } from './chat-to-responses-request.ts'
import type { ClientCollector, ClientEncoder, UpstreamDecoder } from './pivot.ts'
import { createResponsesStreamDecoder } from './responses-stream-decoder.ts'
import { createResponsesCollector, createResponsesEncoder } from './responses-client.ts'
import { responsesToChatRequest } from './responses-to-chat-request.ts'

type Json = Record<string, unknown>

/** The Copilot path of each answer route (§5.1: only the Anthropic one has `/v1`). */
export const upstreamPath: Record<Endpoint, string> = {
  chat_completions: '/chat/completions',
  responses: '/responses',
  messages: '/v1/messages',
}

/**
 * The upstream body for a translated request. Chat completions is the pivot: a request is first
 * brought to chat completions (when it is not already) and then to the upstream's format.
 */
export function translateRequest(from: Endpoint, to: Endpoint, body: Json): Json {
  const chat =
    from === 'messages'
      ? anthropicToChatRequest(body)
      : from === 'responses'
        ? responsesToChatRequest(body)
        : { ...body, stream: true, stream_options: { include_usage: true } }
  if (to === 'chat_completions') return chat
  if (to === 'responses') return chatToResponsesRequest(chat)
  throw new Error(`No translation to ${to}`)
}

/** Reads the upstream route's stream into pivot chunks. */
export function upstreamDecoder(upstream: Endpoint, model: string, body: Json): UpstreamDecoder {
  if (upstream === 'responses') return createResponsesStreamDecoder({ model })
  if (upstream === 'chat_completions') {
    return createChatStreamDecoder({ model, n: typeof body.n === 'number' ? body.n : 1 })
  }
  throw new Error('Messages streams are passed through, never decoded.')
}

/** What an Anthropic client asked about thinking: only then do reasoning blocks reach it. */
function wantsThinking(body: Json): boolean {
  const thinking = body.thinking
  return typeof thinking === 'object' && thinking !== null && 'type' in thinking
    ? thinking.type !== 'disabled'
    : false
}

/** Writes pivot chunks in the client's streaming format. */
export function clientEncoder(format: Endpoint, model: string, body: Json): ClientEncoder {
  switch (format) {
    case 'chat_completions': {
      const options = body.stream_options
      const includeUsage =
        typeof options === 'object' && options !== null && 'include_usage' in options
          ? options.include_usage === true
          : false
      return createChatEncoder({ includeUsage })
    }
    case 'messages':
      return createAnthropicEncoder({ model, thinking: wantsThinking(body) })
    case 'responses':
      return createResponsesEncoder({ model, request: body })
  }
}

/** Gathers pivot chunks into the client's non-streaming body. */
export function clientCollector(format: Endpoint, model: string, body: Json): ClientCollector {
  switch (format) {
    case 'chat_completions':
      return createChatCollector(model)
    case 'messages':
      return createAnthropicCollector({ model, thinking: wantsThinking(body) })
    case 'responses':
      return createResponsesCollector({ model, request: body })
  }
}
