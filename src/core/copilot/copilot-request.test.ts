import { describe, expect, it } from 'vitest'
import { copilotError, copilotFailure, copilotFetch } from './copilot-request.ts'
import { scriptedCopilot, sentHeaders } from './testing/scripted-copilot.ts'

const now = Date.parse('2026-11-21T12:00:00Z')

function refused(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(text, { status, headers })
}

describe('copilotError (§11.1)', () => {
  it('names a used-up quota and when it resets (Retry-After in seconds)', async () => {
    const error = await copilotError(
      refused(
        402,
        { error: { code: 'quota_exceeded', message: 'quota exceeded' } },
        { 'Retry-After': '3600' },
      ),
      now,
    )
    expect(error).toMatchObject({ kind: 'quota_exhausted', retryAfterMs: 3_600_000 })
    expect(error.message).toMatch(/quota is used up/)
    expect(error.message).toContain(new Date(now + 3_600_000).toLocaleString())
  })

  it('reads a quota reset given as an HTTP date', async () => {
    const resetAt = Date.parse('2026-12-01T00:00:00Z')
    const error = await copilotError(
      refused(402, 'quota exceeded', { 'Retry-After': new Date(resetAt).toUTCString() }),
      now,
    )
    expect(error).toMatchObject({ kind: 'quota_exhausted', retryAfterMs: resetAt - now })
    expect(error.message).toMatch(/resets/)
    expect(error.message).toContain('quota exceeded')
  })

  it('says nothing about a reset when none was sent', async () => {
    const error = await copilotError(refused(402, { error: { code: 'free_quota_exceeded' } }), now)
    expect(error.kind).toBe('quota_exhausted')
    expect(error).not.toHaveProperty('retryAfterMs')
    expect(error.message).not.toMatch(/resets/)
  })

  it('maps model_max_prompt_tokens_exceeded to context_too_long with the counts', async () => {
    const error = await copilotError(
      refused(400, {
        error: {
          code: 'model_max_prompt_tokens_exceeded',
          message: 'prompt token count of 138898 exceeds the limit of 64000',
        },
      }),
      now,
    )
    expect(error.kind).toBe('context_too_long')
    expect(error.message).toMatch(/138898/)
    expect(error.message).toMatch(/64000/)
    expect(error.message).toMatch(/Start a new chat or remove earlier messages/)
  })

  it('recognises the older shape with an empty code by its message', async () => {
    const error = await copilotError(
      refused(400, {
        error: { code: '', message: 'prompt token count of 9 exceeds the limit of 8' },
      }),
      now,
    )
    expect(error.kind).toBe('context_too_long')
  })

  it('reads Anthropic-shaped error bodies (§9)', async () => {
    const tooLong = await copilotError(
      refused(400, {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'prompt is too long: 210000 tokens > 200000 maximum',
        },
      }),
      now,
    )
    expect(tooLong.kind).toBe('context_too_long')
    const overloaded = await copilotError(
      refused(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
      now,
    )
    expect(overloaded).toMatchObject({ kind: 'upstream', status: 529 })
    expect(overloaded.message).toMatch(/Overloaded/)
  })

  it('suggests enabling or switching a model that is not supported', async () => {
    const error = await copilotError(
      refused(400, {
        error: {
          code: 'model_not_supported',
          message: 'The requested model is not supported.',
          param: 'model',
        },
      }),
      now,
    )
    expect(error.kind).toBe('model_unavailable')
    expect(error.message).toMatch(/Enable it in the model picker/)
    expect(error.message).toMatch(/pick another model/)
  })

  it('puts the request id of a server error into its message', async () => {
    const error = await copilotError(
      refused(502, '<html>Bad gateway</html>', { 'x-github-request-id': 'ABCD:1234' }),
      now,
    )
    expect(error).toMatchObject({ kind: 'upstream', status: 502, requestId: 'ABCD:1234' })
    expect(error.message).toMatch(/Try again/)
    expect(error.message).toContain('ABCD:1234')
    expect(error.message).not.toContain('<html>')
  })

  it('falls back to x-request-id for other refusals', async () => {
    const error = await copilotError(
      refused(404, { error: { message: 'Not Found' } }, { 'x-request-id': 'req-1' }),
      now,
    )
    expect(error).toMatchObject({ kind: 'upstream', status: 404, requestId: 'req-1' })
    expect(error.message).toMatch(/Not Found.*req-1/)
  })

  it('keeps 429 as rate_limited with the time to try again', async () => {
    const error = await copilotError(
      refused(
        429,
        { error: { code: 'user_model_rate_limited', message: 'Sorry, you hit a rate limit' } },
        { 'Retry-After': '90' },
      ),
      now,
    )
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 90_000 })
    expect(error.message).toMatch(/^Sorry, you hit a rate limit\. Try again after /)
  })

  it('keeps the Retry-After the service sent (and only then) for a retry policy', async () => {
    expect((await copilotFailure(refused(503, '', { 'Retry-After': '2' }), now)).retryAfterMs).toBe(
      2_000,
    )
    const without = await copilotFailure(refused(429, ''), now)
    expect(without.retryAfterMs).toBeUndefined()
    expect(without.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 })
  })
})

describe('copilotFetch route headers', () => {
  it('adds them, but never lets them replace auth, identity or billing headers', async () => {
    const { deps, requests } = scriptedCopilot(() => new Response('{}'))
    await copilotFetch(deps, {
      method: 'POST',
      path: '/v1/messages',
      intent: 'conversation-panel',
      initiator: 'user',
      body: {},
      headers: {
        'anthropic-version': '2023-06-01',
        Authorization: 'Bearer stolen',
        'X-Initiator': 'agent',
        'Editor-Version': 'other/1',
      },
    })
    const headers = sentHeaders(requests[0])
    expect(headers.get('anthropic-version')).toBe('2023-06-01')
    expect(headers.get('authorization')).toBe('Bearer test-bearer')
    expect(headers.get('x-initiator')).toBe('user')
    expect(headers.get('editor-version')).toMatch(/^vscode\//)
  })
})
