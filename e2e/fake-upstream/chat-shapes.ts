import {
  contentFilterResults,
  estimateTokens,
  promptFilterResults,
  splitText,
  usageFor,
} from './chat-answer.ts'
import { createCompletionId, createOpaqueId, createUuid } from './ids.ts'
import type { ChatFamily, ModelFacts } from './model-facts.ts'
import type { ToolCall } from './tool-plan.ts'

/** What one chat answer is made of; every family shapes the same material differently. */
export type ChatMaterial = {
  model: ModelFacts
  answer: string
  reasoning: string
  prompt: number
  chunkSize: number
  /** Answer with this tool call instead of text (§7.3). */
  toolCall?: ToolCall
}

/** The chunks of one streamed chat answer in a family's shape (§7.2). */
export type ChatChunks = {
  /** Everything before the first answer text: prompt filter, role, reasoning. */
  opening: unknown[]
  content(piece: string, offset: number): unknown
  /** A chunk carrying one `delta.tool_calls` entry (§7.3). */
  toolCall(call: Record<string, unknown>): unknown
  finish(offset: number): unknown
}

/** §7.2 (4)/§7.3: `tool_calls` when the answer is a tool call, else `stop`. */
function finishReason(m: ChatMaterial): string {
  return m.toolCall === undefined ? 'stop' : 'tool_calls'
}

const zeroUsage = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 }

/** §7.2 (1)–(4): Azure-hosted GPT: prompt-filter chunk first, no `object`/`model` anywhere. */
function gptChunks(m: ChatMaterial): ChatChunks {
  const id = createCompletionId()
  const created = Math.floor(Date.now() / 1000)
  const offsets = (start: number, end: number) => ({
    check_offset: m.prompt,
    start_offset: start,
    end_offset: end,
  })
  return {
    opening: [
      // Empty choices, empty id, created 0, no model: only the prompt filter verdict.
      { choices: [], created: 0, id: '', prompt_filter_results: promptFilterResults },
      // The role arrives with empty content.
      {
        choices: [
          {
            index: 0,
            content_filter_offsets: offsets(0, 0),
            content_filter_results: {},
            delta: { content: '', role: 'assistant' },
          },
        ],
        created,
        id,
      },
    ],
    content: (piece, offset) => ({
      choices: [
        {
          index: 0,
          content_filter_offsets: offsets(offset, offset + piece.length),
          content_filter_results: contentFilterResults,
          delta: { content: piece, role: null },
        },
      ],
      created,
      id,
    }),
    toolCall: (call) => ({
      choices: [
        {
          index: 0,
          content_filter_offsets: offsets(0, 0),
          content_filter_results: {},
          delta: { content: null, role: null, tool_calls: [call] },
        },
      ],
      created,
      id,
    }),
    // Usage only on the finishing chunk.
    finish: (offset) => ({
      choices: [
        {
          index: 0,
          finish_reason: finishReason(m),
          content_filter_offsets: offsets(offset, offset),
          content_filter_results: contentFilterResults,
          delta: { content: null },
        },
      ],
      created,
      id,
      usage: usageFor(m.prompt, estimateTokens(m.answer)),
    }),
  }
}

/** §7.2 Claude: UUID id, `model` present, no prompt-filter chunk, `role` on every delta. */
function claudeChunks(m: ChatMaterial): ChatChunks {
  const id = createUuid()
  const created = Math.floor(Date.now() / 1000)
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    choices: [{ index: 0, delta: { ...delta, role: 'assistant' }, ...extra }],
    created,
    id,
    model: m.model.version,
  })
  return {
    opening: [],
    content: (piece) => chunk({ content: piece }),
    toolCall: (call) => chunk({ content: null, tool_calls: [call] }),
    finish: () => ({
      ...chunk({ content: null }, { finish_reason: finishReason(m) }),
      usage: usageFor(m.prompt, estimateTokens(m.answer)),
    }),
  }
}

/**
 * §7.2 Gemini: `delta.reasoning_text` chunks first with `content: null`, a zero `usage` on every
 * chunk until the last, which carries the real usage and the `reasoning_opaque` blob to echo back.
 */
function geminiChunks(m: ChatMaterial): ChatChunks {
  const id = createOpaqueId(18)
  const created = Math.floor(Date.now() / 1000)
  const chunk = (delta: Record<string, unknown>, usage: unknown = zeroUsage) => ({
    choices: [{ index: 0, delta: { role: 'assistant', ...delta } }],
    created,
    id,
    model: m.model.version,
    usage,
  })
  const reasoning = splitText(m.reasoning, m.chunkSize)
  return {
    opening: reasoning.map((piece) => chunk({ content: null, reasoning_text: piece })),
    content: (piece) => chunk({ content: piece }),
    toolCall: (call) => chunk({ content: null, tool_calls: [call] }),
    finish: () => ({
      choices: [
        {
          index: 0,
          finish_reason: finishReason(m),
          delta: { content: null, role: 'assistant', reasoning_opaque: createOpaqueId(96) },
        },
      ],
      created,
      id,
      model: m.model.version,
      usage: usageFor(
        m.prompt,
        estimateTokens(m.answer) + estimateTokens(m.reasoning),
        estimateTokens(m.reasoning),
      ),
    }),
  }
}

const chunkShapes: Record<ChatFamily, (m: ChatMaterial) => ChatChunks> = {
  gpt: gptChunks,
  claude: claudeChunks,
  gemini: geminiChunks,
}

export function chatChunks(material: ChatMaterial): ChatChunks {
  return chunkShapes[material.model.family](material)
}

/** §7.4: the non-streaming `chat.completion` in the model family's shape. */
export function chatCompletionBody(m: ChatMaterial): Record<string, unknown> {
  const body = textCompletionBody(m)
  const call = m.toolCall
  if (call === undefined) return body
  // §7.4: a tool turn's message carries `tool_calls` and no content.
  const choices = (body['choices'] as Array<Record<string, unknown>>).map((choice) => ({
    ...choice,
    finish_reason: 'tool_calls',
    message: {
      ...(choice['message'] as Record<string, unknown>),
      content: null,
      tool_calls: [
        { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
      ],
    },
  }))
  return { ...body, choices }
}

function textCompletionBody(m: ChatMaterial): Record<string, unknown> {
  const created = Math.floor(Date.now() / 1000)
  const answerTokens = estimateTokens(m.answer)
  switch (m.model.family) {
    case 'gpt':
      return {
        choices: [
          {
            finish_reason: 'stop',
            index: 0,
            content_filter_results: contentFilterResults,
            // `padding` is random filler clients must ignore.
            message: { content: m.answer, role: 'assistant', padding: 'abcdefghijklmnopqrstu' },
          },
        ],
        created,
        id: createCompletionId(),
        model: m.model.version,
        object: 'chat.completion',
        prompt_filter_results: promptFilterResults,
        system_fingerprint: 'fp_fake',
        usage: usageFor(m.prompt, answerTokens),
      }
    case 'claude':
      // §7.4 quirk: `model` may be the display name; no `index` on the choice.
      return {
        choices: [{ finish_reason: 'stop', message: { content: m.answer, role: 'assistant' } }],
        created,
        id: createUuid(),
        model: m.model.name,
        usage: usageFor(m.prompt, answerTokens),
      }
    case 'gemini': {
      const reasoningTokens = estimateTokens(m.reasoning)
      return {
        choices: [
          {
            finish_reason: 'stop',
            index: 0,
            message: {
              content: m.answer,
              role: 'assistant',
              reasoning_text: m.reasoning,
              reasoning_opaque: createOpaqueId(96),
            },
          },
        ],
        created,
        id: createOpaqueId(18),
        model: m.model.version,
        usage: usageFor(m.prompt, answerTokens + reasoningTokens, reasoningTokens),
      }
    }
  }
}
