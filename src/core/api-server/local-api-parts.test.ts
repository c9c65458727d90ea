import { describe, expect, it } from 'vitest'
import { createKeyCheck, generateApiKey } from './api-key.ts'
import { readUpstreamError } from './api-error.ts'
import { estimateInputTokens } from './count-tokens.ts'
import { createAdmission } from './limits.ts'
import { chooseUpstream, readModelDirectory } from './model-directory.ts'
import { hasImages, initiatorOf } from './request-traits.ts'
import { createRequestLogRing, type RequestLogEntry } from './request-log.ts'

describe('API keys', () => {
  it('generates long, distinct keys', () => {
    const key = generateApiKey()
    expect(key).toMatch(/^logai-[A-Za-z0-9_-]{43}$/)
    expect(generateApiKey()).not.toBe(key)
  })

  it('accepts only the exact key', () => {
    const key = generateApiKey()
    const matches = createKeyCheck(key)
    expect(matches(key)).toBe(true)
    for (const other of [
      undefined,
      '',
      key.slice(1),
      `${key} `,
      key.toUpperCase(),
      generateApiKey(),
    ]) {
      expect(matches(other)).toBe(false)
    }
    expect(() => createKeyCheck('too-short')).toThrow(/at least/)
  })
})

describe('admission limits', () => {
  it('bounds requests per sliding minute and at once, and frees a slot once', () => {
    let now = 0
    const admission = createAdmission(
      { maxBodyBytes: 1, maxConcurrentRequests: 2, requestsPerMinute: 3 },
      () => now,
    )
    const first = admission.admit()
    const second = admission.admit()
    expect(admission.admit()).toMatchObject({ admitted: false, retryAfterSeconds: 1 })
    if (!first.admitted || !second.admitted) throw new Error('expected admission')
    first.release()
    first.release()
    now = 10_000
    expect(admission.admit().admitted).toBe(true)
    expect(admission.admit()).toMatchObject({ admitted: false })
    second.release()
    expect(admission.admit()).toMatchObject({ admitted: false, retryAfterSeconds: 50 })
    now = 60_000
    expect(admission.admit().admitted).toBe(true)
  })
})

describe('initiator (§5.3) and vision (§5.2)', () => {
  it('follows the last message', () => {
    expect(initiatorOf('chat_completions', { messages: [{ role: 'user', content: 'q' }] })).toBe(
      'user',
    )
    expect(
      initiatorOf('chat_completions', { messages: [{ role: 'user' }, { role: 'tool' }] }),
    ).toBe('agent')
    expect(
      initiatorOf('messages', { messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] }),
    ).toBe('agent')
    expect(
      initiatorOf('messages', {
        messages: [{ role: 'user', content: [{ type: 'tool_result' }, { type: 'text' }] }],
      }),
    ).toBe('user')
    expect(initiatorOf('responses', { input: 'q' })).toBe('user')
    expect(initiatorOf('responses', { input: [{ type: 'function_call_output' }] })).toBe('agent')
    expect(initiatorOf('chat_completions', {})).toBe('agent')
  })

  it('finds images in each format, tool results included', () => {
    expect(
      hasImages('chat_completions', { messages: [{ content: [{ type: 'image_url' }] }] }),
    ).toBe(true)
    expect(hasImages('responses', { input: [{ content: [{ type: 'input_image' }] }] })).toBe(true)
    expect(
      hasImages('messages', {
        messages: [{ content: [{ type: 'tool_result', content: [{ type: 'image' }] }] }],
      }),
    ).toBe(true)
    expect(hasImages('messages', { messages: [{ content: 'text' }] })).toBe(false)
  })
})

describe('model directory', () => {
  it('keeps usable chat and embedding models with their routes, and chooses passthrough first', () => {
    const models = readModelDirectory({
      data: [
        {
          id: 'a',
          capabilities: { type: 'chat' },
          supported_endpoints: ['/chat/completions', '/v1/messages'],
        },
        {
          id: 'b',
          capabilities: { type: 'chat' },
          supported_endpoints: ['/responses', 'ws:/responses'],
        },
        { id: 'gpt-5-legacy', capabilities: { type: 'chat' } },
        { id: 'off', capabilities: { type: 'chat' }, policy: { state: 'disabled' } },
        { id: 'e', capabilities: { type: 'embeddings' } },
        { id: 'junk', capabilities: null },
      ],
    })
    expect([...models.keys()]).toEqual(['a', 'b', 'gpt-5-legacy', 'e'])
    expect(models.get('gpt-5-legacy')?.endpoints).toEqual(['responses'])
    const a = models.get('a')!
    const b = models.get('b')!
    expect(chooseUpstream('messages', a)).toBe('messages')
    expect(chooseUpstream('chat_completions', a)).toBe('chat_completions')
    expect(chooseUpstream('responses', a)).toBe('chat_completions')
    expect(chooseUpstream('chat_completions', b)).toBe('responses')
    expect(chooseUpstream('messages', b)).toBe('responses')
    expect(chooseUpstream('responses', { ...a, endpoints: ['messages'] })).toBeNull()
  })
})

describe('upstream errors (§11.1)', () => {
  it('keeps status, message, code and a clean Retry-After', async () => {
    const copilot = await readUpstreamError(
      new Response(JSON.stringify({ error: { message: 'slow down', code: 'rate_limited' } }), {
        status: 429,
        headers: { 'retry-after': '30' },
      }),
    )
    expect(copilot).toEqual({
      status: 429,
      message: 'slow down',
      code: 'rate_limited',
      retryAfter: '30',
    })
    const anthropic = await readUpstreamError(
      new Response(
        JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } }),
        { status: 529 },
      ),
    )
    expect(anthropic).toMatchObject({ status: 529, message: 'busy' })
    const text = await readUpstreamError(
      new Response('quota exceeded', { status: 402, headers: { 'retry-after': 'soon, maybe' } }),
    )
    expect(text).toEqual({ status: 402, message: 'quota exceeded' })
    const html = await readUpstreamError(new Response('<html>bad gateway</html>', { status: 502 }))
    expect(html.message).toMatch(/HTTP 502/)
  })
})

describe('count_tokens estimate', () => {
  it('grows by about one token per four characters and counts images and tools', () => {
    const base = estimateInputTokens({ messages: [{ role: 'user', content: 'x'.repeat(400) }] })
    expect(base).toBe(100 + 4)
    const withImage = estimateInputTokens({
      messages: [
        { role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'x'.repeat(400) }] },
      ],
    })
    expect(withImage - base).toBe(1600)
    const withTools = estimateInputTokens({ messages: [], tools: [{ name: 'x'.repeat(100) }] })
    expect(withTools).toBeGreaterThan(25)
  })
})

describe('request log ring', () => {
  it('keeps the newest entries in order', () => {
    const ring = createRequestLogRing(3)
    const entry = (at: number) => ({ at }) as RequestLogEntry
    for (const at of [1, 2, 3, 4, 5]) ring.record(entry(at))
    expect(ring.entries().map((e) => e.at)).toEqual([3, 4, 5])
  })
})
