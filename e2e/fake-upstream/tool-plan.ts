import { splitText, textOf } from './chat-answer.ts'
import { createToolCallId } from './ids.ts'
import { asRecord } from './records.ts'

/** One tool call the fake answers with: its id, the declared tool's name, the JSON arguments. */
export type ToolCall = { id: string; name: string; arguments: string }

/**
 * How a turn with tools is answered: a call of a declared tool, or text (a tool result echoed, a
 * tool that was not declared). Undefined when tools play no part and the usual answer stands.
 */
export type ToolPlan = { kind: 'call'; call: ToolCall } | { kind: 'text'; answer: string }

// `tool: <name> <json-arguments>` anywhere in the last user message.
const toolRequest = /tool:\s*([A-Za-z0-9_.-]+)\s*([\s\S]*)$/

/**
 * The tool turn of a request: when the last message is a tool result, `Tool result: <text>`; when
 * the last user text asks `tool: <name> <json>`, a call of that tool if the request declared it
 * (else text saying it did not); otherwise undefined.
 */
export function planToolTurn(turn: {
  declared: string[]
  lastUserText: string | undefined
  toolResult: string | undefined
  idPrefix: 'call_' | 'toolu_'
}): ToolPlan | undefined {
  if (turn.toolResult !== undefined) {
    return { kind: 'text', answer: `Tool result: ${turn.toolResult}` }
  }
  const match = toolRequest.exec(turn.lastUserText ?? '')
  if (match === null) return undefined
  const name = match[1] ?? ''
  const args = (match[2] ?? '').trim() || '{}'
  if (!turn.declared.includes(name)) {
    return { kind: 'text', answer: `No tool named ${name} was declared.` }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(args)
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'text', answer: `The arguments for ${name} are not a JSON object: ${args}` }
  }
  return { kind: 'call', call: { id: createToolCallId(turn.idPrefix), name, arguments: args } }
}

/** The names in a `tools` list: chat `tools[].function.name`, responses/messages `tools[].name`. */
export function declaredTools(tools: unknown, nested: boolean): string[] {
  if (!Array.isArray(tools)) return []
  return tools
    .map((tool) => (nested ? asRecord(asRecord(tool)['function']) : asRecord(tool))['name'])
    .filter((name): name is string => typeof name === 'string')
}

/** A tool result's text: a string, or the text parts of a part list. */
function resultText(content: unknown): string {
  return textOf(content)
}

/** Chat completions: the last message is `role: tool`. */
export function chatToolResult(messages: unknown[]): string | undefined {
  const last = asRecord(messages.at(-1))
  return last['role'] === 'tool' ? resultText(last['content']) : undefined
}

/** Responses: the last input item is a `function_call_output`. */
export function responsesToolResult(input: unknown): string | undefined {
  if (!Array.isArray(input)) return undefined
  const last = asRecord(input.at(-1))
  return last['type'] === 'function_call_output' ? resultText(last['output']) : undefined
}

/** Messages: the last message is a user turn carrying a `tool_result` block. */
export function messagesToolResult(messages: unknown[]): string | undefined {
  const last = asRecord(messages.at(-1))
  if (last['role'] !== 'user' || !Array.isArray(last['content'])) return undefined
  const block = last['content']
    .map((part) => asRecord(part))
    .find((part) => part['type'] === 'tool_result')
  return block === undefined ? undefined : resultText(block['content'])
}

/** The argument JSON in a few pieces, so clients must join fragments (§7.3). */
export function argumentPieces(args: string): string[] {
  return splitText(args, Math.max(1, Math.ceil(Array.from(args).length / 3)))
}
