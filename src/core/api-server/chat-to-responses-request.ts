import { badRequest, isRecord } from './api-error.ts'

type Json = Record<string, unknown>

/**
 * A chat-completions request as a `/responses` request (§8.1), for a chat client talking to a
 * responses-only model (GPT-5, §0.2). Messages become input items: system and developer turns
 * keep their role, user parts become `input_text`/`input_image`, assistant text an `output_text`
 * message, each tool call a `function_call` and each tool message a `function_call_output` with
 * the same `call_id`. Tools are flattened (no `function` wrapper), `max_tokens` becomes
 * `max_output_tokens`, `reasoning_effort` becomes `reasoning.effort`, `response_format` becomes
 * `text.format`. Over HTTP the full history goes each time with `store: false` (§8.1). `stop`
 * has no equivalent and is dropped; what cannot be expressed (n > 1, non-function tools, audio or
 * file parts) is a 400.
 */
export function chatToResponsesRequest(chat: Json): Json {
  if (typeof chat.n === 'number' && chat.n > 1) {
    throw badRequest('n > 1 is not available for this model.', 'n')
  }
  const messages = Array.isArray(chat.messages) ? chat.messages : []
  const input = messages.flatMap((message, index) => inputItems(message, index))
  const maxTokens = chat.max_completion_tokens ?? chat.max_tokens
  const body: Json = {
    model: chat.model,
    input,
    stream: true,
    store: false,
    ...(maxTokens !== undefined && maxTokens !== null ? { max_output_tokens: maxTokens } : {}),
    ...pick(chat, ['temperature', 'top_p', 'parallel_tool_calls']),
  }
  if (Array.isArray(chat.tools)) body.tools = chat.tools.map(flattenTool)
  if (chat.tool_choice !== undefined) body.tool_choice = toolChoice(chat.tool_choice)
  if (typeof chat.reasoning_effort === 'string') body.reasoning = { effort: chat.reasoning_effort }
  const format = textFormat(chat.response_format)
  if (format) body.text = { format }
  return body
}

function pick(source: Json, keys: string[]): Json {
  const picked: Json = {}
  for (const key of keys)
    if (source[key] !== undefined && source[key] !== null) picked[key] = source[key]
  return picked
}

function inputItems(message: unknown, index: number): Json[] {
  if (!isRecord(message)) throw badRequest(`messages[${index}] must be an object.`, 'messages')
  const role = message.role
  switch (role) {
    case 'system':
    case 'developer':
    case 'user':
      return [{ role, content: inputParts(message.content, index) }]
    case 'assistant': {
      const text = textOf(message.content)
      const items: Json[] = text
        ? [
            {
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text, annotations: [] }],
            },
          ]
        : []
      for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
        if (!isRecord(call) || !isRecord(call.function)) continue
        items.push({
          type: 'function_call',
          call_id: String(call.id ?? ''),
          name: String(call.function.name ?? ''),
          arguments: String(call.function.arguments ?? ''),
        })
      }
      return items
    }
    case 'tool':
      return [
        {
          type: 'function_call_output',
          call_id: String(message.tool_call_id ?? ''),
          output: textOf(message.content),
        },
      ]
    default:
      throw badRequest(`messages[${index}].role ${String(role)} is not supported.`, 'messages')
  }
}

/** §8.1 input parts: `input_text` and `input_image` (a data URL or https URL). */
function inputParts(content: unknown, index: number): Json[] {
  if (typeof content === 'string') return [{ type: 'input_text', text: content }]
  if (!Array.isArray(content)) return []
  return content.map((part) => {
    if (isRecord(part) && part.type === 'text')
      return { type: 'input_text', text: String(part.text ?? '') }
    if (isRecord(part) && part.type === 'image_url') {
      const image = isRecord(part.image_url) ? part.image_url : { url: part.image_url }
      return {
        type: 'input_image',
        image_url: String(image.url ?? ''),
        detail: image.detail ?? 'auto',
      }
    }
    const type = isRecord(part) ? String(part.type) : typeof part
    throw badRequest(
      `messages[${index}]: content parts of type ${type} are not supported for this model.`,
      'messages',
    )
  })
}

/** The text of a chat `content`: a string, or its text (and refusal) parts joined. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('')
}

function flattenTool(tool: unknown): Json {
  if (!isRecord(tool) || tool.type !== 'function' || !isRecord(tool.function)) {
    throw badRequest('Only function tools are supported for this model.', 'tools')
  }
  const fn = tool.function
  return {
    type: 'function',
    name: fn.name,
    ...(fn.description !== undefined ? { description: fn.description } : {}),
    parameters: fn.parameters ?? { type: 'object', properties: {} },
    ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
  }
}

/** `{type: "function", function: {name}}` becomes `{type: "function", name}` (§8.1). */
function toolChoice(choice: unknown): unknown {
  if (isRecord(choice) && choice.type === 'function' && isRecord(choice.function)) {
    return { type: 'function', name: choice.function.name }
  }
  return choice
}

function textFormat(format: unknown): Json | undefined {
  if (!isRecord(format)) return undefined
  if (format.type === 'json_object') return { type: 'json_object' }
  if (format.type === 'json_schema' && isRecord(format.json_schema)) {
    return { type: 'json_schema', ...format.json_schema }
  }
  return undefined
}
