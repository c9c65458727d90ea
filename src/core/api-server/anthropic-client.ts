import { randomBytes } from 'node:crypto'
import {
  createBufferedEncoder,
  type ChatUsage,
  type ClientCollector,
  type ClientEncoder,
  type PivotEvent,
  type StreamError,
} from './pivot.ts'

/** One Anthropic stream event (§9): `message_start`, `content_block_*`, `message_*`, `error`. */
export type AnthropicEvent = { type: string; [field: string]: unknown }

/** One SSE event as Anthropic sends it: the name on an `event:` line, repeated in `type`. */
export function anthropicSse(event: AnthropicEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
}

/** How a streamed `thinking` or `text` block starts, before its deltas fill it in. */
const emptyBlocks = {
  thinking: { thinking: '', signature: '' },
  text: { text: '' },
}

/** Anthropic's `stop_reason` for a chat `finish_reason`. */
function stopReason(finish: string | undefined, usedTools: boolean): string {
  if (usedTools || finish === 'tool_calls') return 'tool_use'
  if (finish === 'length') return 'max_tokens'
  if (finish === 'content_filter') return 'refusal'
  return 'end_turn'
}

/** Chat usage in Anthropic's terms: `input_tokens` leaves out what was read from the cache. */
export function anthropicUsage(usage: ChatUsage | undefined) {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  }
}

/**
 * Turns pivot chunks into the Anthropic Messages stream (§9), for an Anthropic client talking to
 * a chat- or responses-only model (Gemini, GPT-5): `message_start`, then one content block at a
 * time (`thinking` when the client asked for thinking, `text`, `tool_use` with `input_json_delta`
 * fragments), `message_delta` with the stop reason and usage, `message_stop`. Blocks are
 * sequential in Anthropic's format: argument fragments for a tool call whose block has closed
 * cannot be sent, and chat streams (§7.3) never send them.
 */
export function createAnthropicEvents(options: {
  model: string
  thinking: boolean
  emit: (event: AnthropicEvent) => void
}) {
  const { emit } = options
  let started = false
  let open: { index: number; type: string; toolIndex?: number } | undefined
  let nextIndex = 0
  let finish: string | undefined
  let usage: ChatUsage | undefined
  let usedTools = false

  function start() {
    if (started) return
    started = true
    emit({
      type: 'message_start',
      message: {
        id: `msg_${randomBytes(12).toString('base64url')}`,
        type: 'message',
        role: 'assistant',
        model: options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    })
  }

  function close() {
    if (!open) return
    emit({ type: 'content_block_stop', index: open.index })
    open = undefined
  }

  function openBlock(type: string, block: Record<string, unknown>, toolIndex?: number) {
    close()
    open = { index: nextIndex++, type, ...(toolIndex === undefined ? {} : { toolIndex }) }
    emit({ type: 'content_block_start', index: open.index, content_block: { type, ...block } })
    return open.index
  }

  /** Sends `delta` to the open block of this kind, or to a new empty one (closing any other). */
  function addToBlock(type: 'thinking' | 'text', delta: Record<string, unknown>) {
    const index = open?.type === type ? open.index : openBlock(type, emptyBlocks[type])
    emit({ type: 'content_block_delta', index, delta })
  }

  return {
    event(event: PivotEvent) {
      if (event.kind === 'usage') {
        usage = event.usage
        return
      }
      if (event.kind === 'error') {
        emit({ type: 'error', error: { type: 'api_error', message: event.error.message } })
        return
      }
      start()
      for (const choice of event.chunk.choices) {
        if (choice.index !== 0) continue
        const delta = choice.delta
        if (options.thinking && typeof delta.reasoning_text === 'string' && delta.reasoning_text) {
          addToBlock('thinking', { type: 'thinking_delta', thinking: delta.reasoning_text })
        }
        // §7.1: Gemini's opaque reasoning must come back with the next request; it travels as the
        // thinking block's signature, which Anthropic clients return untouched.
        if (
          options.thinking &&
          typeof delta.reasoning_opaque === 'string' &&
          delta.reasoning_opaque
        ) {
          addToBlock('thinking', { type: 'signature_delta', signature: delta.reasoning_opaque })
        }
        if (typeof delta.content === 'string' && delta.content) {
          addToBlock('text', { type: 'text_delta', text: delta.content })
        }
        for (const call of delta.tool_calls ?? []) {
          if (call.id) {
            usedTools = true
            openBlock(
              'tool_use',
              { id: call.id, name: call.function?.name ?? '', input: {} },
              call.index,
            )
          }
          const fragment = call.function?.arguments
          if (fragment && open?.type === 'tool_use' && open.toolIndex === call.index) {
            emit({
              type: 'content_block_delta',
              index: open.index,
              delta: { type: 'input_json_delta', partial_json: fragment },
            })
          }
        }
        if (choice.finish_reason) finish = choice.finish_reason
      }
    },
    end() {
      start()
      close()
      const { input_tokens, output_tokens, cache_read_input_tokens } = anthropicUsage(usage)
      emit({
        type: 'message_delta',
        delta: { stop_reason: stopReason(finish, usedTools), stop_sequence: null },
        usage: { input_tokens, output_tokens, cache_read_input_tokens },
      })
      emit({ type: 'message_stop' })
    },
  }
}

/** Anthropic SSE for an Anthropic client; see `createAnthropicEvents`. */
export function createAnthropicEncoder(options: {
  model: string
  thinking: boolean
}): ClientEncoder {
  return createBufferedEncoder((emit) => createAnthropicEvents({ ...options, emit }), anthropicSse)
}

type Block = Record<string, unknown> & { type: string }

/** The whole Anthropic `message` for a non-streaming client, built from the same events. */
export function createAnthropicCollector(options: {
  model: string
  thinking: boolean
}): ClientCollector {
  let message: Record<string, unknown> = {}
  const content: Block[] = []
  const json = new Map<number, string>()
  let failure: StreamError | undefined
  let lastUsage: ChatUsage | undefined
  const events = createAnthropicEvents({
    ...options,
    emit(event) {
      switch (event.type) {
        case 'message_start':
          message = { ...(event.message as Record<string, unknown>) }
          return
        case 'content_block_start':
          content[event.index as number] = { ...(event.content_block as Block) }
          return
        case 'content_block_delta': {
          const index = event.index as number
          const block = content[index]
          const delta = event.delta as Record<string, string>
          if (!block) return
          if (delta.type === 'text_delta') block.text = `${String(block.text)}${delta.text}`
          if (delta.type === 'thinking_delta')
            block.thinking = `${String(block.thinking)}${delta.thinking}`
          if (delta.type === 'signature_delta') block.signature = delta.signature
          if (delta.type === 'input_json_delta')
            json.set(index, (json.get(index) ?? '') + delta.partial_json)
          return
        }
        case 'message_delta': {
          const delta = event.delta as Record<string, unknown>
          message.stop_reason = delta.stop_reason
          message.stop_sequence = null
          message.usage = anthropicUsage(lastUsage)
          return
        }
        case 'error':
          failure = { message: String((event.error as Record<string, unknown>).message) }
          return
      }
    },
  })
  return {
    event(event) {
      if (event.kind === 'usage') lastUsage = event.usage
      events.event(event)
    },
    result() {
      if (failure) return { error: failure }
      events.end()
      for (const [index, text] of json) {
        const block = content[index]
        if (block) block.input = parseInput(text)
      }
      return { body: { ...message, content: content.filter(Boolean) } }
    },
  }
}

/** A tool call's arguments as the `input` object Anthropic clients expect. */
function parseInput(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? value : {}
  } catch {
    return {}
  }
}
