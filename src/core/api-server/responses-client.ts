import { randomBytes } from 'node:crypto'
import {
  createBufferedEncoder,
  type ChatUsage,
  type ClientCollector,
  type ClientEncoder,
  type PivotEvent,
  type StreamError,
} from './pivot.ts'

type Json = Record<string, unknown>

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/** Chat usage in responses terms (§8.2). */
export function responsesUsage(usage: ChatUsage | undefined): Json | null {
  if (!usage) return null
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: {
      reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
  }
}

type OpenItem =
  | { kind: 'message'; outputIndex: number; item: Json; text: string }
  | { kind: 'function_call'; outputIndex: number; item: Json; toolIndex: number; args: string }

/**
 * Turns pivot chunks into a `/responses` stream (§8.2), for a responses client talking to a
 * chat-only model: `response.created` and `.in_progress`, then one output item at a time (a
 * `message` with its `output_text` part, or a `function_call` with argument deltas), each opened
 * with `output_item.added` and closed with its `.done` events, and `response.completed` (or
 * `.incomplete` after `length`/`content_filter`) whose `output` holds the same items with the
 * same ids, as the OpenAI SDK checks. Every event carries a rising `sequence_number`.
 */
export function createResponsesEvents(options: {
  model: string
  request: Json
  emit: (event: Json) => void
}) {
  const created = Math.floor(Date.now() / 1000)
  const id = newId('resp')
  const output: Json[] = []
  let sequence = 0
  let started = false
  let open: OpenItem | undefined
  let finish: string | undefined
  let usage: ChatUsage | undefined

  const emit = (type: string, fields: Json) =>
    options.emit({ type, sequence_number: sequence++, ...fields })

  const response = (status: string, extra: Json = {}): Json => ({
    id,
    object: 'response',
    created_at: created,
    status,
    model: options.model,
    output: status === 'in_progress' ? [] : output,
    usage: null,
    error: null,
    incomplete_details: null,
    instructions: options.request.instructions ?? null,
    tools: options.request.tools ?? [],
    tool_choice: options.request.tool_choice ?? 'auto',
    parallel_tool_calls: options.request.parallel_tool_calls ?? true,
    store: false,
    metadata: {},
    ...extra,
  })

  function start() {
    if (started) return
    started = true
    emit('response.created', { response: response('in_progress') })
    emit('response.in_progress', { response: response('in_progress') })
  }

  function close() {
    if (!open) return
    const { outputIndex } = open
    if (open.kind === 'message') {
      const part = { type: 'output_text', text: open.text, annotations: [], logprobs: [] }
      const where = { item_id: open.item.id, output_index: outputIndex, content_index: 0 }
      emit('response.output_text.done', { ...where, text: open.text, logprobs: [] })
      emit('response.content_part.done', { ...where, part })
      Object.assign(open.item, { status: 'completed', content: [part] })
    } else {
      emit('response.function_call_arguments.done', {
        item_id: open.item.id,
        output_index: outputIndex,
        arguments: open.args,
      })
      Object.assign(open.item, { status: 'completed', arguments: open.args })
    }
    emit('response.output_item.done', { output_index: outputIndex, item: { ...open.item } })
    open = undefined
  }

  function add(item: Json) {
    close()
    output.push(item)
    const outputIndex = output.length - 1
    emit('response.output_item.added', { output_index: outputIndex, item: { ...item } })
    return outputIndex
  }

  return {
    event(event: PivotEvent) {
      if (event.kind === 'usage') {
        usage = event.usage
        return
      }
      if (event.kind === 'error') {
        emit('error', {
          code: event.error.code ?? 'server_error',
          message: event.error.message,
          param: null,
        })
        return
      }
      start()
      for (const choice of event.chunk.choices) {
        if (choice.index !== 0) continue
        const delta = choice.delta
        if (typeof delta.content === 'string' && delta.content) {
          if (open?.kind !== 'message') {
            const item = {
              id: newId('msg'),
              type: 'message',
              status: 'in_progress',
              role: 'assistant',
              content: [],
            }
            const outputIndex = add(item)
            open = { kind: 'message', outputIndex, item, text: '' }
            emit('response.content_part.added', {
              item_id: item.id,
              output_index: outputIndex,
              content_index: 0,
              part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
            })
          }
          open.text += delta.content
          emit('response.output_text.delta', {
            item_id: open.item.id,
            output_index: open.outputIndex,
            content_index: 0,
            delta: delta.content,
            logprobs: [],
          })
        }
        for (const call of delta.tool_calls ?? []) {
          if (call.id) {
            const item = {
              id: newId('fc'),
              type: 'function_call',
              status: 'in_progress',
              call_id: call.id,
              name: call.function?.name ?? '',
              arguments: '',
            }
            const outputIndex = add(item)
            open = { kind: 'function_call', outputIndex, item, toolIndex: call.index, args: '' }
          }
          const fragment = call.function?.arguments
          if (fragment && open?.kind === 'function_call' && open.toolIndex === call.index) {
            open.args += fragment
            emit('response.function_call_arguments.delta', {
              item_id: open.item.id,
              output_index: open.outputIndex,
              delta: fragment,
            })
          }
        }
        if (choice.finish_reason) finish = choice.finish_reason
      }
    },
    end() {
      start()
      close()
      const incomplete = finish === 'length' || finish === 'content_filter'
      const reason = finish === 'length' ? 'max_output_tokens' : 'content_filter'
      emit(incomplete ? 'response.incomplete' : 'response.completed', {
        response: response(incomplete ? 'incomplete' : 'completed', {
          usage: responsesUsage(usage),
          ...(incomplete ? { incomplete_details: { reason } } : {}),
        }),
      })
    },
  }
}

/** `/responses` SSE (`event:` line plus the same `type` in the JSON, §8.2). */
export function createResponsesEncoder(options: { model: string; request: Json }): ClientEncoder {
  return createBufferedEncoder(
    (emit) => createResponsesEvents({ ...options, emit }),
    (event: Json) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`,
  )
}

/** The final `response` object for a non-streaming responses client. */
export function createResponsesCollector(options: {
  model: string
  request: Json
}): ClientCollector {
  let final: Json | undefined
  let failure: StreamError | undefined
  const events = createResponsesEvents({
    ...options,
    emit(event) {
      if (event.type === 'error') failure = { message: String(event.message) }
      if (event.type === 'response.completed' || event.type === 'response.incomplete') {
        final = event.response as Json
      }
    },
  })
  return {
    event: (event) => events.event(event),
    result() {
      if (failure) return { error: failure }
      events.end()
      return { body: final ?? {} }
    },
  }
}
