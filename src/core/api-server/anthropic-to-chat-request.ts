import { badRequest, isRecord } from './api-error.ts'

type Json = Record<string, unknown>

/**
 * An Anthropic Messages request (§9) as a chat-completions request, for an Anthropic client
 * talking to a model without `/v1/messages` (Gemini; GPT-5 through one more step). `system`
 * becomes a system message; text and image blocks become parts; `tool_use` blocks become
 * `tool_calls` and `tool_result` blocks `tool` messages (placed first, since they must follow the
 * assistant turn that called them); a `thinking` block with a signature goes back as Copilot's
 * `reasoning_text`/`reasoning_opaque` (§7.1, Gemini needs them back); tools and `tool_choice`
 * change shape; `stop_sequences` becomes `stop`. Server tools and documents are a 400.
 */
export function anthropicToChatRequest(request: Json): Json {
  const messages: Json[] = []
  const system = systemText(request.system)
  if (system) messages.push({ role: 'system', content: system })
  const turns = Array.isArray(request.messages) ? request.messages : []
  turns.forEach((turn, index) => messages.push(...chatMessages(turn, index)))
  const body: Json = {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(typeof request.max_tokens === 'number' ? { max_tokens: request.max_tokens } : {}),
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(Array.isArray(request.stop_sequences) && request.stop_sequences.length > 0
      ? { stop: request.stop_sequences }
      : {}),
  }
  if (Array.isArray(request.tools) && request.tools.length > 0) {
    body.tools = request.tools.map(chatTool)
  }
  const choice = request.tool_choice
  if (isRecord(choice)) {
    if (choice.type === 'auto') body.tool_choice = 'auto'
    else if (choice.type === 'any') body.tool_choice = 'required'
    else if (choice.type === 'none') body.tool_choice = 'none'
    else if (choice.type === 'tool')
      body.tool_choice = { type: 'function', function: { name: choice.name } }
    if (choice.disable_parallel_tool_use === true) body.parallel_tool_calls = false
  }
  return body
}

function systemText(system: unknown): string {
  if (typeof system === 'string') return system
  if (!Array.isArray(system)) return ''
  return system
    .map((block) => (isRecord(block) && typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n\n')
}

function chatMessages(turn: unknown, index: number): Json[] {
  if (!isRecord(turn)) throw badRequest(`messages.${index} must be an object.`, 'messages')
  const role = turn.role
  if (role !== 'user' && role !== 'assistant') {
    throw badRequest(`messages.${index}.role must be 'user' or 'assistant'.`, 'messages')
  }
  if (typeof turn.content === 'string') return [{ role, content: turn.content }]
  const blocks = Array.isArray(turn.content) ? turn.content.filter(isRecord) : []
  return role === 'assistant' ? [assistantMessage(blocks)] : userMessages(blocks, index)
}

function assistantMessage(blocks: Json[]): Json {
  const text = blocks
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text ?? ''))
    .join('')
  const calls = blocks
    .filter((block) => block.type === 'tool_use')
    .map((block) => ({
      id: String(block.id ?? ''),
      type: 'function',
      function: { name: String(block.name ?? ''), arguments: JSON.stringify(block.input ?? {}) },
    }))
  // Reasoning may come as several thinking blocks, the opaque part in the last signature.
  const thinking = blocks.filter((block) => block.type === 'thinking')
  const opaque = thinking
    .map((block) => block.signature)
    .filter((sig) => typeof sig === 'string' && sig)
    .at(-1)
  return {
    role: 'assistant',
    content: text || null,
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(typeof opaque === 'string'
      ? {
          reasoning_text: thinking.map((block) => String(block.thinking ?? '')).join(''),
          reasoning_opaque: opaque,
        }
      : {}),
  }
}

function userMessages(blocks: Json[], index: number): Json[] {
  const results: Json[] = []
  const parts: Json[] = []
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      const content = block.content
      const nested = Array.isArray(content) ? content.filter(isRecord) : []
      const text =
        typeof content === 'string'
          ? content
          : nested
              .filter((part) => part.type === 'text')
              .map((part) => String(part.text ?? ''))
              .join('')
      results.push({
        role: 'tool',
        tool_call_id: String(block.tool_use_id ?? ''),
        content: block.is_error === true && text ? `Error: ${text}` : text,
      })
      // Tool messages carry text only; an image a tool returned goes in the user turn after.
      parts.push(
        ...nested.filter((part) => part.type === 'image').map((part) => imagePart(part, index)),
      )
    } else if (block.type === 'text') {
      parts.push({ type: 'text', text: String(block.text ?? '') })
    } else if (block.type === 'image') {
      parts.push(imagePart(block, index))
    } else {
      throw badRequest(
        `messages.${index}: content blocks of type ${String(block.type)} are not supported for this model.`,
        'messages',
      )
    }
  }
  const nonEmpty = parts.filter((part) => part.type !== 'text' || part.text !== '')
  return nonEmpty.length > 0 ? [...results, { role: 'user', content: nonEmpty }] : results
}

function imagePart(block: Json, index: number): Json {
  const source = isRecord(block.source) ? block.source : {}
  if (source.type === 'base64') {
    return {
      type: 'image_url',
      image_url: { url: `data:${String(source.media_type)};base64,${String(source.data)}` },
    }
  }
  if (source.type === 'url') return { type: 'image_url', image_url: { url: String(source.url) } }
  throw badRequest(`messages.${index}: this image source is not supported.`, 'messages')
}

function chatTool(tool: unknown): Json {
  if (!isRecord(tool) || (tool.type !== undefined && tool.type !== 'custom')) {
    const type = isRecord(tool) ? String(tool.type) : typeof tool
    throw badRequest(`Server tools (${type}) are not supported for this model.`, 'tools')
  }
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.input_schema ?? { type: 'object', properties: {} },
    },
  }
}
