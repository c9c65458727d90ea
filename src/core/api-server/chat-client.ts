import type {
  ChatChunk,
  ChatUsage,
  ClientCollector,
  ClientEncoder,
  PivotEvent,
  StreamError,
} from './pivot.ts'

/** One SSE `data:` event (chat completions has no `event:` lines, §7.2). */
export function dataEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`
}

/** A mid-stream failure as the OpenAI SDK reads it: a chunk with an `error` object (§11.1). */
export function chatErrorEvent(error: StreamError): string {
  return dataEvent({
    error: { message: error.message, type: 'server_error', param: null, code: error.code ?? null },
  })
}

/**
 * Writes pivot chunks as a chat-completions stream. Usage goes where OpenAI puts it (§12): a last
 * chunk with `choices: []`, only when the client asked `stream_options.include_usage`. Ends with
 * `data: [DONE]`, which Copilot sometimes leaves out (§7.2).
 */
export function createChatEncoder(options: { includeUsage: boolean }): ClientEncoder {
  let last: ChatChunk | undefined
  let usage: ChatUsage | undefined
  return {
    event(event: PivotEvent) {
      switch (event.kind) {
        case 'chunk':
          last = event.chunk
          return dataEvent(event.chunk)
        case 'usage':
          usage = event.usage
          return ''
        case 'error':
          return chatErrorEvent(event.error)
      }
    },
    end() {
      const tail =
        options.includeUsage && usage && last
          ? dataEvent({
              id: last.id,
              object: 'chat.completion.chunk',
              created: last.created,
              model: last.model,
              choices: [],
              usage,
            })
          : ''
      return `${tail}data: [DONE]\n\n`
    },
  }
}

type ToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } }

/** Gathers pivot chunks into one `chat.completion` (§7.4): one assistant message per choice. */
export function createChatCollector(model: string): ClientCollector {
  let first: ChatChunk | undefined
  let usage: ChatUsage | undefined
  let failure: StreamError | undefined
  const choices = new Map<
    number,
    { content: string; reasoning: string; tools: ToolCall[]; finish: string | null }
  >()
  return {
    event(event) {
      if (event.kind === 'usage') usage = event.usage
      if (event.kind === 'error') failure = event.error
      if (event.kind !== 'chunk') return
      first ??= event.chunk
      for (const choice of event.chunk.choices) {
        let state = choices.get(choice.index)
        if (!state) {
          state = { content: '', reasoning: '', tools: [], finish: null }
          choices.set(choice.index, state)
        }
        const delta = choice.delta
        if (typeof delta.content === 'string') state.content += delta.content
        if (typeof delta.reasoning_text === 'string') state.reasoning += delta.reasoning_text
        for (const call of delta.tool_calls ?? []) {
          const tool = (state.tools[call.index] ??= {
            id: '',
            type: 'function',
            function: { name: '', arguments: '' },
          })
          if (call.id) tool.id = call.id
          if (call.function?.name) tool.function.name = call.function.name
          if (call.function?.arguments) tool.function.arguments += call.function.arguments
        }
        if (choice.finish_reason) state.finish = choice.finish_reason
      }
    },
    result() {
      if (failure) return { error: failure }
      const body: Record<string, unknown> = {
        id: first?.id ?? '',
        object: 'chat.completion',
        created: first?.created ?? Math.floor(Date.now() / 1000),
        model: first?.model ?? model,
        choices: [...choices.entries()].map(([index, state]) => ({
          index,
          message: {
            role: 'assistant',
            content: state.content || (state.tools.length > 0 ? null : ''),
            refusal: null,
            ...(state.reasoning ? { reasoning_text: state.reasoning } : {}),
            ...(state.tools.length > 0 ? { tool_calls: state.tools.filter(Boolean) } : {}),
          },
          logprobs: null,
          finish_reason: state.finish ?? 'stop',
        })),
        ...(usage ? { usage } : {}),
      }
      return { body }
    },
  }
}
