import { badRequest, isRecord } from './api-error.ts'

type Json = Record<string, unknown>

/**
 * A `/responses` request (§8.1) as a chat-completions request, for a responses client talking to
 * a chat-only model (Gemini). `instructions` becomes a system message; message items keep their
 * role with `input_text`/`output_text` as text and `input_image` as `image_url`; consecutive
 * `function_call` items become one assistant turn's `tool_calls` and `function_call_output` items
 * `tool` messages; `reasoning` items are dropped (only the responses route reads them). Flattened
 * tools get their `function` wrapper back; `max_output_tokens` becomes `max_tokens`,
 * `reasoning.effort` `reasoning_effort`, `text.format` `response_format`. A
 * `previous_response_id`, built-in tools and file inputs cannot be expressed and are a 400.
 */
export function responsesToChatRequest(request: Json): Json {
  if (request.previous_response_id) {
    throw badRequest(
      'previous_response_id is not available for this model: send the whole conversation.',
      'previous_response_id',
    )
  }
  const messages: Json[] = []
  if (typeof request.instructions === 'string' && request.instructions) {
    messages.push({ role: 'system', content: request.instructions })
  }
  const input = request.input
  if (typeof input === 'string') messages.push({ role: 'user', content: input })
  else if (Array.isArray(input)) input.forEach((item, index) => addItem(messages, item, index))
  const body: Json = {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(typeof request.max_output_tokens === 'number'
      ? { max_tokens: request.max_output_tokens }
      : {}),
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(typeof request.parallel_tool_calls === 'boolean'
      ? { parallel_tool_calls: request.parallel_tool_calls }
      : {}),
  }
  if (Array.isArray(request.tools) && request.tools.length > 0)
    body.tools = request.tools.map(chatTool)
  const choice = request.tool_choice
  if (isRecord(choice) && choice.type === 'function') {
    body.tool_choice = { type: 'function', function: { name: choice.name } }
  } else if (typeof choice === 'string') body.tool_choice = choice
  if (isRecord(request.reasoning) && typeof request.reasoning.effort === 'string') {
    body.reasoning_effort = request.reasoning.effort
  }
  const format =
    isRecord(request.text) && isRecord(request.text.format) ? request.text.format : undefined
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' }
  if (format?.type === 'json_schema') {
    const { type: _type, ...schema } = format
    body.response_format = { type: 'json_schema', json_schema: schema }
  }
  return body
}

function addItem(messages: Json[], item: unknown, index: number) {
  if (!isRecord(item)) throw badRequest(`input[${index}] must be an object.`, 'input')
  const type = item.type ?? 'message'
  if (type === 'message') {
    const role = item.role
    if (role !== 'user' && role !== 'system' && role !== 'developer' && role !== 'assistant') {
      throw badRequest(`input[${index}].role ${String(role)} is not supported.`, 'input')
    }
    messages.push({
      role,
      content: role === 'assistant' ? textOf(item.content) : parts(item.content, index),
    })
    return
  }
  if (type === 'function_call') {
    const call = {
      id: String(item.call_id ?? ''),
      type: 'function',
      function: { name: String(item.name ?? ''), arguments: String(item.arguments ?? '') },
    }
    const last = messages.at(-1)
    if (last?.role === 'assistant') {
      last.tool_calls = [...(Array.isArray(last.tool_calls) ? last.tool_calls : []), call]
      last.content ||= null
    } else messages.push({ role: 'assistant', content: null, tool_calls: [call] })
    return
  }
  if (type === 'function_call_output') {
    const output = typeof item.output === 'string' ? item.output : textOf(item.output)
    messages.push({ role: 'tool', tool_call_id: String(item.call_id ?? ''), content: output })
    return
  }
  if (type === 'reasoning') return
  throw badRequest(
    `input[${index}]: items of type ${String(type)} are not supported for this model.`,
    'input',
  )
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('')
}

function parts(content: unknown, index: number): unknown {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content.map((part) => {
    if (isRecord(part) && (part.type === 'input_text' || part.type === 'output_text')) {
      return { type: 'text', text: String(part.text ?? '') }
    }
    if (isRecord(part) && part.type === 'input_image' && typeof part.image_url === 'string') {
      return {
        type: 'image_url',
        image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) },
      }
    }
    const type = isRecord(part) ? String(part.type) : typeof part
    throw badRequest(
      `input[${index}]: content parts of type ${type} are not supported for this model.`,
      'input',
    )
  })
}

function chatTool(tool: unknown): Json {
  if (!isRecord(tool) || tool.type !== 'function') {
    const type = isRecord(tool) ? String(tool.type) : typeof tool
    throw badRequest(`Built-in tools (${type}) are not supported for this model.`, 'tools')
  }
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined && tool.description !== null
        ? { description: tool.description }
        : {}),
      parameters: tool.parameters ?? { type: 'object', properties: {} },
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    },
  }
}
