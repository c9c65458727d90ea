import { describe, expect, it } from 'vitest'
import type { AppError } from '../../shared/errors.ts'
import { abortError, type Clock } from '../ports.ts'
import { createSteppingClock } from '../testing/fake-clock.ts'
import type { AnswerRequest } from './answer-stream.ts'
import { streamAnswerWithRetries, type RetryPolicy } from './retry-answer.ts'
import {
  collector,
  eventStream,
  inTurn,
  pieces,
  piecesThenDrop,
  scriptedCopilot,
  sentHeaders,
} from './testing/scripted-copilot.ts'

const good = () =>
  new Response(
    pieces(
      'data: {"choices":[{"delta":{"content":"answer"}}]}\n\n',
      'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\n',
    ),
    { headers: eventStream },
  )
const status =
  (code: number, headers: Record<string, string> = {}, body = '{"error":{"message":"busy"}}') =>
  () =>
    new Response(body, {
      status: code,
      headers: { 'Content-Type': 'application/json', ...headers },
    })
const unreachable = () => {
  throw new TypeError('fetch failed')
}

const policy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
  random: () => 0.5,
}

/** Runs an answer with retries against these responses in turn, on a stepping clock. */
function run(
  answers: Array<() => Response>,
  options: { policy?: RetryPolicy; clock?: Clock; signal?: AbortSignal } = {},
) {
  const clock = options.clock ?? createSteppingClock()
  const { deps, requests } = scriptedCopilot(inTurn(...answers), { clock })
  const events = collector()
  const retries: Array<{ attempt: number; delayMs: number; error: AppError }> = []
  const request: AnswerRequest = {
    route: { id: 'gpt-4.1', endpoint: 'chat_completions', streaming: true },
    messages: [{ role: 'user', content: 'hi' }],
    initiator: 'user',
    signal: options.signal ?? new AbortController().signal,
  }
  const outcome = streamAnswerWithRetries(deps, request, events.onEvent, {
    policy: options.policy ?? policy,
    onRetry: (info) => retries.push(info),
  })
  return { outcome, events, requests, retries, clock }
}

describe('streamAnswerWithRetries', () => {
  it('waits out a 429 Retry-After on the clock, then answers', async () => {
    const clock = createSteppingClock()
    const { outcome, events, requests, retries } = run(
      [status(429, { 'Retry-After': '3' }), good],
      { clock },
    )
    expect((await outcome).finishReason).toBe('stop')
    expect(events.text).toBe('answer')
    expect(requests).toHaveLength(2)
    expect(clock.sleeps).toEqual([3_000])
    expect(retries).toEqual([
      { attempt: 1, delayMs: 3_000, error: expect.objectContaining({ kind: 'rate_limited' }) },
    ])
  })

  it('shows a 429 whose Retry-After is longer than the policy allows instead of waiting', async () => {
    const clock = createSteppingClock()
    const { outcome, requests } = run([status(429, { 'Retry-After': '120' }), good], { clock })
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'rate_limited', retryAfterMs: 120_000 },
    })
    expect(requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('retries 5xx answers with growing jittered waits, then answers', async () => {
    const clock = createSteppingClock()
    const { outcome, events, requests } = run([status(500), status(502), status(504), good], {
      clock,
    })
    await outcome
    expect(events.text).toBe('answer')
    expect(requests).toHaveLength(4)
    // random() = 0.5 of 500, 1000, 2000 ms.
    expect(clock.sleeps).toEqual([250, 500, 1_000])
  })

  it('keeps every jittered wait under min(maxDelay, base × 2ⁿ) and stops after maxRetries', async () => {
    const clock = createSteppingClock()
    const { outcome, requests } = run([status(503)], {
      clock,
      policy: { ...policy, maxRetries: 4, maxDelayMs: 1_000, random: () => 0.999 },
    })
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'upstream', status: 503 } })
    expect(requests).toHaveLength(5)
    expect(clock.sleeps).toEqual([499.5, 999, 999, 999])
  })

  it('never waits longer than the cap with the real random source', async () => {
    const clock = createSteppingClock()
    const { outcome } = run([unreachable], {
      clock,
      policy: { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 800, maxRetryAfterMs: 20_000 },
    })
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'network' } })
    const caps = [100, 200, 400, 800, 800, 800]
    expect(clock.sleeps).toHaveLength(6)
    clock.sleeps.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThan(caps[n] ?? 0)
    })
  })

  it('retries a connection that could not be made or dropped before the first byte', async () => {
    const dropped = () => new Response(piecesThenDrop(), { headers: eventStream })
    const { outcome, events, requests } = run([unreachable, dropped, good])
    await outcome
    expect(events.text).toBe('answer')
    expect(requests).toHaveLength(3)
  })

  it('never retries once content has streamed', async () => {
    const half = () =>
      new Response(piecesThenDrop('data: {"choices":[{"delta":{"content":"half"}}]}\n\n'), {
        headers: eventStream,
      })
    const { outcome, events, requests } = run([half, good])
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'network' } })
    expect(events.text).toBe('half')
    expect(requests).toHaveLength(1)
  })

  it('counts reasoning as content: no retry after it', async () => {
    const thinking = () =>
      new Response(piecesThenDrop('data: {"choices":[{"delta":{"reasoning_text":"Hmm"}}]}\n\n'), {
        headers: eventStream,
      })
    const { outcome, requests } = run([thinking, good])
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'network' } })
    expect(requests).toHaveLength(1)
  })

  it.each([
    [400, 'upstream'],
    [402, 'quota_exhausted'],
    [403, 'no_copilot_access'],
    [466, 'upstream'],
  ])('never retries HTTP %i', async (code, kind) => {
    const clock = createSteppingClock()
    const { outcome, requests } = run([status(code), good], { clock })
    await expect(outcome).rejects.toMatchObject({ error: { kind } })
    expect(requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('stops waiting at once when the person presses Stop', async () => {
    const controller = new AbortController()
    let waiting: () => void = () => {}
    const waitStarted = new Promise<void>((resolve) => (waiting = resolve))
    const clock: Clock = {
      now: () => 1_700_000_000_000,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(abortError()), { once: true })
          waiting()
        }),
    }
    const { outcome, requests } = run([status(503), good], { clock, signal: controller.signal })
    await waitStarted
    controller.abort()
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' })
    expect(requests).toHaveLength(1)
  })

  it('bills only the first attempt to the caller; retries go as agent (§5.3)', async () => {
    const { outcome, requests } = run([status(502), unreachable, good])
    await outcome
    expect(requests.map((request) => sentHeaders(request).get('x-initiator'))).toEqual([
      'user',
      'agent',
      'agent',
    ])
  })
})
