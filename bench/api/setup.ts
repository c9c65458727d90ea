import { copilotFetch } from '../../src/core/copilot/copilot-request.ts'
import {
  signInAgainstFake,
  startApi,
  type ApiUnderTest,
  type SignedIn,
} from '../../src/core/api-server/testing/harness.ts'

/** A signed-in test core against the fake upstream, and a local API server over its sign-in. */
export type ApiBench = {
  up: SignedIn
  api: ApiUnderTest
  /** POST /v1/chat/completions through the local server. */
  local(body: unknown): Promise<Response>
  /** The same body straight to the fake's Copilot /chat/completions, headers as the core sends. */
  direct(body: unknown, stream: boolean): Promise<Response>
  close(): Promise<void>
}

/** Limits high enough that the benchmark's own request rate is never turned away. */
const benchLimits = { requestsPerMinute: 1_000_000, maxConcurrentRequests: 1_000 }

export async function startApiBench(): Promise<ApiBench> {
  const up = await signInAgainstFake({
    chatFault: null,
    dropAfterChunks: null,
    midStreamError: null,
    chunkDelayMs: 0,
  })
  let api: ApiUnderTest
  try {
    api = await startApi({ copilot: up.copilot, limits: benchLimits })
  } catch (error) {
    await up.close()
    throw error
  }
  return {
    up,
    api,
    local: (body) =>
      api.call('/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) }),
    // What proxyAnswer sends for a chat completions passthrough (src/core/api-server/proxy-answer.ts).
    direct: (body, stream) =>
      copilotFetch(up.copilot, {
        method: 'POST',
        path: '/chat/completions',
        body,
        intent: 'conversation-panel',
        initiator: 'user',
        stream: true,
        headers: stream ? {} : { Accept: 'application/json' },
      }),
    async close() {
      await api.close().catch(() => undefined)
      await up.close()
    },
  }
}

/** The numbered words of an echo answer: `<prefix>0000 <prefix>0001 …`, each `width` chars with its space. */
export function numberedWords(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`)
}

/** The text of every `choices[0].delta.content` in an SSE body, and whether it saw an error or `[DONE]`. */
export function readChatSse(text: string): { content: string; done: boolean; errors: string[] } {
  let content = ''
  let done = false
  const errors: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue
    const data = line.slice(5).trim()
    if (data === '[DONE]') {
      done = true
      continue
    }
    try {
      const event = JSON.parse(data) as {
        error?: { message?: string }
        choices?: Array<{ delta?: { content?: string | null } }>
      }
      if (event.error) errors.push(event.error.message ?? JSON.stringify(event.error))
      const piece = event.choices?.[0]?.delta?.content
      if (typeof piece === 'string') content += piece
    } catch {
      errors.push(`not JSON: ${data.slice(0, 80)}`)
    }
  }
  return { content, done, errors }
}
