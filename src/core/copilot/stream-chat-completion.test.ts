import { describe, expect, it } from 'vitest'
import type { ModelRoute } from './model-route.ts'
import { streamChatCompletion } from './stream-chat-completion.ts'
import {
  eventStream,
  pieces,
  piecesThenDrop,
  scriptedCopilot,
  sentBody,
  sentHeaders,
} from './testing/scripted-copilot.ts'
import { createScriptedAnswer, imageTurn } from './testing/scripted-answer.ts'

const route: ModelRoute = { id: 'gpt-4.1', endpoint: 'chat_completions', streaming: true }

/** Streams an answer whose body is made of exactly these pieces. */
const answer = createScriptedAnswer(route)

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta }], ...extra })}\n\n`
const content = (text: string) => chunk({ content: text })
const finish = (reason = 'stop') =>
  `data: ${JSON.stringify({
    choices: [{ index: 0, delta: { content: null }, finish_reason: reason }],
    usage: { prompt_tokens: 3, completion_tokens: 2 },
  })}\n\n`

describe('chat completions on the wire (§7.2)', () => {
  it('reads CRLF line endings, `data:` without a space, comments and event lines', async () => {
    const { outcome, events } = answer(
      pieces(
        ': keep-alive\r\n\r\n',
        'event: message\r\ndata:{"choices":[{"delta":{"content":"Hel"}}]}\r\n\r\n',
        'data: {"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]}\r\n\r\n',
      ),
    )
    await outcome
    expect(events.text).toBe('Hello')
  })

  it('joins a multi-byte character split across reads', async () => {
    const bytes = new TextEncoder().encode(content('café → ok'))
    const cut = bytes.indexOf(0xc3) + 1 // inside "é"
    const { outcome, events } = answer(pieces(bytes.slice(0, cut), bytes.slice(cut), finish()))
    await outcome
    expect(events.text).toBe('café → ok')
  })

  it('skips empty or null choices and reads usage from the last chunk', async () => {
    const { outcome, events } = answer(
      pieces(
        'data: {"choices":[],"created":0,"id":"","prompt_filter_results":[]}\n\n',
        'data: {"choices":null,"copilot_references":[]}\n\n',
        content('answer'),
        finish(),
        'data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1}}\n\n',
      ),
    )
    expect(await outcome).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 1 },
    })
    expect(events.text).toBe('answer')
  })

  it('reads cached and reasoning token counts', async () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 40,
      prompt_tokens_details: { cached_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 30 },
    }
    const { outcome } = answer(
      pieces(content('x'), finish(), `data: ${JSON.stringify({ choices: [], usage })}\n\n`),
    )
    expect((await outcome).usage).toEqual({
      promptTokens: 100,
      completionTokens: 40,
      cachedTokens: 64,
      reasoningTokens: 30,
    })
  })

  it('accepts a stream that ends without [DONE] or a final blank line', async () => {
    const { outcome, events } = answer(pieces(content('no done'), finish().trimEnd()))
    expect((await outcome).finishReason).toBe('stop')
    expect(events.text).toBe('no done')
  })

  it('stops reading at [DONE]', async () => {
    const { outcome, events } = answer(
      pieces(content('one'), 'data: [DONE]\n\n', content('after the end')),
    )
    await outcome
    expect(events.text).toBe('one')
  })

  it('calls a stream cut off when it ends with neither a finish reason nor [DONE]', async () => {
    const { outcome, events } = answer(pieces(content('half an ans')))
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'network', message: expect.stringMatching(/dropped.*part received is kept/) },
    })
    expect(events.text).toBe('half an ans')
  })

  it('calls a connection that breaks mid-answer cut off', async () => {
    const { outcome, events } = answer(piecesThenDrop(content('half')))
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'network' } })
    expect(events.text).toBe('half')
  })

  it('ignores a malformed event and goes on', async () => {
    const { outcome, events } = answer(pieces('data: {not json\n\n', content('fine'), finish()))
    await outcome
    expect(events.text).toBe('fine')
  })

  it('fails on a mid-stream error chunk, after keeping what came before (§11.1)', async () => {
    const { outcome, events } = answer(
      pieces(content('partial'), 'data: {"error":{"message":"overloaded"}}\n\n', content('more')),
    )
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/overloaded/) },
    })
    expect(events.text).toBe('partial')
  })

  it('reports the content filter as a failure', async () => {
    const { outcome } = answer(pieces(content('some'), finish('content_filter')))
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/content filter/) },
    })
  })

  it('delivers Gemini `reasoning_text` and Azure `cot_summary` as reasoning, in order', async () => {
    const { outcome, events } = answer(
      pieces(
        chunk({ content: null, reasoning_text: 'Thinking ' }),
        chunk({ content: null, cot_summary: 'hard.' }),
        content('Answer.'),
        finish(),
      ),
    )
    await outcome
    expect(events.events).toEqual([
      { type: 'reasoning', text: 'Thinking ' },
      { type: 'reasoning', text: 'hard.' },
      { type: 'text', text: 'Answer.' },
    ])
  })

  it('leaves reasoning out when the person turned it off', async () => {
    const { outcome, events } = answer(
      pieces(chunk({ reasoning_text: 'hidden' }), content('shown'), finish()),
      { showReasoning: false },
    )
    await outcome
    expect(events.events).toEqual([{ type: 'text', text: 'shown' }])
  })

  it('reads a non-streaming answer and merges split choices (§7.4)', async () => {
    const body = JSON.stringify({
      choices: [
        { message: { content: 'I will check. ' }, finish_reason: 'tool_calls' },
        { message: { content: 'Done.' }, finish_reason: 'tool_calls' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 4 },
    })
    const { outcome, events } = answer(body, { headers: { 'Content-Type': 'application/json' } })
    expect((await outcome).usage).toEqual({ promptTokens: 1, completionTokens: 4 })
    expect(events.text).toBe('I will check. Done.')
  })

  it('calls a non-streaming body it cannot read a failure', async () => {
    const { outcome } = answer('{"unexpected":true}', {
      headers: { 'Content-Type': 'application/json' },
    })
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/cannot read/) },
    })
  })
})

describe('chat completions request', () => {
  it('sends the editor headers, the initiator, the intent and the request id (§5.2, §5.3)', async () => {
    const { outcome, requests } = answer(pieces(content('x'), finish()))
    await outcome
    const headers = sentHeaders(requests[0])
    expect(requests[0]?.url).toBe('https://copilot.test/chat/completions')
    expect(headers.get('authorization')).toBe('Bearer test-bearer')
    expect(headers.get('editor-version')).toMatch(/^vscode\//)
    expect(headers.get('copilot-integration-id')).toBe('vscode-chat')
    expect(headers.get('openai-intent')).toBe('conversation-panel')
    expect(headers.get('accept')).toBe('text/event-stream')
    expect(headers.get('x-initiator')).toBe('user')
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers.get('copilot-vision-request')).toBeNull()
  })

  it('keeps system turns as system messages and asks for usage', async () => {
    const { outcome, requests } = answer(pieces(content('x'), finish()), {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ],
    })
    await outcome
    expect(sentBody(requests[0])).toEqual({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ],
      stream: true,
      n: 1,
      stream_options: { include_usage: true },
    })
  })

  it('sends images as data-URL parts with the vision header (§5.2, §7.1)', async () => {
    const { outcome, requests } = answer(pieces(content('a cat'), finish()), {
      messages: imageTurn('What is this?', { mediaType: 'image/png', base64: 'iVBORw0KGgo=' }),
    })
    await outcome
    expect(sentHeaders(requests[0]).get('copilot-vision-request')).toBe('true')
    expect(sentBody(requests[0]).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ])
  })

  it('asks a non-streaming model for JSON, within its non-streaming cap (§6.1, §7.4)', async () => {
    const { outcome, requests } = answer(
      JSON.stringify({ choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }] }),
      {
        headers: { 'Content-Type': 'application/json' },
        route: {
          ...route,
          streaming: false,
          maxOutputTokens: 64_000,
          maxNonStreamingOutputTokens: 16_000,
        },
      },
    )
    await outcome
    const body = sentBody(requests[0])
    expect(body).toMatchObject({ stream: false, max_tokens: 16_000 })
    expect(body).not.toHaveProperty('stream_options')
    expect(sentHeaders(requests[0]).get('accept')).toBe('application/json')
  })
})

describe('streamChatCompletion (the text-only wrapper)', () => {
  it('still streams text from /chat/completions, without reasoning', async () => {
    const { deps, requests } = scriptedCopilot(
      () =>
        new Response(pieces(chunk({ reasoning_text: 'hmm' }), content('plain'), finish()), {
          headers: eventStream,
        }),
    )
    let text = ''
    const outcome = await streamChatCompletion(
      deps,
      {
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'hi' }],
        initiator: 'agent',
        signal: new AbortController().signal,
      },
      (piece) => (text += piece),
    )
    expect(text).toBe('plain')
    expect(outcome.finishReason).toBe('stop')
    expect(requests[0]?.url).toBe('https://copilot.test/chat/completions')
    expect(sentHeaders(requests[0]).get('x-initiator')).toBe('agent')
  })
})
