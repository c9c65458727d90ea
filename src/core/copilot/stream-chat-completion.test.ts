import { describe, expect, it } from 'vitest'
import { streamChatCompletion } from './stream-chat-completion.ts'
import { eventStream, pieces, scriptedCopilot } from './testing/scripted-copilot.ts'

/** Streams an answer from a body made of exactly these pieces; returns the text and outcome. */
async function streamFrom(body: ReadableStream<Uint8Array>, headers = eventStream) {
  const { deps } = scriptedCopilot(() => new Response(body, { headers }))
  let text = ''
  const outcome = await streamChatCompletion(
    deps,
    {
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
      initiator: 'user',
      signal: new AbortController().signal,
    },
    (piece) => (text += piece),
  )
  return { text, outcome }
}

const chunk = (content: string, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }], ...extra })}\n\n`
const finish = (reason = 'stop') =>
  `data: ${JSON.stringify({
    choices: [{ index: 0, delta: { content: null }, finish_reason: reason }],
    usage: { prompt_tokens: 3, completion_tokens: 2 },
  })}\n\n`

describe('streamChatCompletion on the wire', () => {
  it('reads CRLF line endings, `data:` without a space, comments and event lines', async () => {
    const { text } = await streamFrom(
      pieces(
        ': keep-alive\r\n\r\n',
        'event: message\r\ndata:{"choices":[{"delta":{"content":"Hel"}}]}\r\n\r\n',
        'data: {"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]}\r\n\r\n',
      ),
    )
    expect(text).toBe('Hello')
  })

  it('joins a multi-byte character split across reads', async () => {
    const bytes = new TextEncoder().encode(chunk('café → ok'))
    const cut = bytes.indexOf(0xc3) + 1 // inside "é"
    const { text } = await streamFrom(pieces(bytes.slice(0, cut), bytes.slice(cut), finish()))
    expect(text).toBe('café → ok')
  })

  it('skips empty or null choices and reads usage from the last chunk (§7.2)', async () => {
    const { text, outcome } = await streamFrom(
      pieces(
        'data: {"choices":[],"created":0,"id":"","prompt_filter_results":[]}\n\n',
        'data: {"choices":null,"copilot_references":[]}\n\n',
        chunk('answer'),
        finish(),
        'data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1}}\n\n',
      ),
    )
    expect(text).toBe('answer')
    expect(outcome).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 1 },
    })
  })

  it('accepts a stream that ends without [DONE] or a final blank line', async () => {
    const last = finish().trimEnd()
    const { text, outcome } = await streamFrom(pieces(chunk('no done'), last))
    expect(text).toBe('no done')
    expect(outcome.finishReason).toBe('stop')
  })

  it('calls a stream cut off when it ends with neither a finish reason nor [DONE]', async () => {
    await expect(streamFrom(pieces(chunk('half an ans')))).rejects.toMatchObject({
      error: { kind: 'network', message: expect.stringMatching(/dropped/) },
    })
  })

  it('ignores a malformed event and goes on', async () => {
    const { text } = await streamFrom(pieces('data: {not json\n\n', chunk('fine'), finish()))
    expect(text).toBe('fine')
  })

  it('fails on a mid-stream error chunk, after keeping what came before (§11.1)', async () => {
    let text = ''
    const { deps } = scriptedCopilot(
      () =>
        new Response(pieces(chunk('partial'), 'data: {"error":{"message":"overloaded"}}\n\n'), {
          headers: eventStream,
        }),
    )
    await expect(
      streamChatCompletion(
        deps,
        {
          model: 'm',
          messages: [],
          initiator: 'user',
          signal: new AbortController().signal,
        },
        (piece) => (text += piece),
      ),
    ).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/overloaded/) },
    })
    expect(text).toBe('partial')
  })

  it('reports the content filter as a failure', async () => {
    await expect(streamFrom(pieces(chunk('some'), finish('content_filter')))).rejects.toMatchObject(
      {
        error: { kind: 'upstream', message: expect.stringMatching(/content filter/) },
      },
    )
  })

  it('reads a non-streaming answer and merges split choices (§7.4)', async () => {
    const body = JSON.stringify({
      choices: [
        { message: { content: 'I will check. ' }, finish_reason: 'tool_calls' },
        { message: { content: 'Done.' }, finish_reason: 'tool_calls' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 4 },
    })
    const { text, outcome } = await streamFrom(pieces(body), { 'Content-Type': 'application/json' })
    expect(text).toBe('I will check. Done.')
    expect(outcome.usage).toEqual({ promptTokens: 1, completionTokens: 4 })
  })

  it('sends the editor headers, the initiator and the request id (§5.2, §5.3)', async () => {
    const { deps, requests } = scriptedCopilot(
      () => new Response(pieces(chunk('x'), finish()), { headers: eventStream }),
    )
    await streamChatCompletion(
      deps,
      { model: 'm', messages: [], initiator: 'user', signal: new AbortController().signal },
      () => {},
    )
    const headers = new Headers(requests[0]?.init?.headers)
    expect(requests[0]?.url).toBe('https://copilot.test/chat/completions')
    expect(headers.get('authorization')).toBe('Bearer test-bearer')
    expect(headers.get('editor-version')).toMatch(/^vscode\//)
    expect(headers.get('copilot-integration-id')).toBe('vscode-chat')
    expect(headers.get('x-initiator')).toBe('user')
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
