import type { AuthService } from '../../auth/auth-service.ts'
import { defaultClientProfile } from '../../auth/client-profile.ts'
import type { CopilotCredentials } from '../../auth/copilot-credentials.ts'
import { systemClock, type Clock, type HttpFetch } from '../../ports.ts'
import type { CopilotDeps } from '../copilot-request.ts'

/** A response body that arrives in exactly these byte pieces, as a server's writes would. */
export function pieces(...parts: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const part of parts)
        controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part)
      controller.close()
    },
  })
}

/**
 * A body that sends these pieces and then breaks, as a dropped connection does. The break comes
 * on the read after the last piece (erroring a stream at once would discard what is queued).
 */
export function piecesThenDrop(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const queue = [...parts]
  return new ReadableStream({
    pull(controller) {
      const part = queue.shift()
      if (part === undefined) controller.error(new TypeError('terminated'))
      else controller.enqueue(encoder.encode(part))
    },
  })
}

/** One recorded request. */
export type ScriptedRequest = { url: string; init: RequestInit | undefined }

/**
 * Copilot deps whose network answers every request with `respond` (the injected fetch port), for
 * byte-exact wire cases the fake upstream does not produce. `respond` gets the request's index
 * (0 for the first) and may throw to play a connection that could not be made. Records the
 * requests.
 */
export function scriptedCopilot(
  respond: (url: string, init: RequestInit | undefined, index: number) => Response,
  options: { clock?: Clock } = {},
) {
  const requests: ScriptedRequest[] = []
  const fetch: HttpFetch = async (url, init) => {
    requests.push({ url, init })
    return respond(url, init, requests.length - 1)
  }
  const credentials: CopilotCredentials = {
    get: async () => ({ bearer: 'test-bearer', apiUrl: 'https://copilot.test' }),
    invalidate: () => {},
    dispose: () => {},
  }
  const auth = { credentials: () => credentials, revoke: async () => {} } as unknown as AuthService
  const deps: CopilotDeps = {
    fetch,
    clock: options.clock ?? systemClock,
    auth,
    profile: defaultClientProfile,
    interactionId: 'test-interaction',
  }
  return { deps, requests }
}

/**
 * A `respond` that answers the requests in turn with these factories (a factory may throw for a
 * connection that could not be made); the last one answers every request after it.
 */
export function inTurn(...answers: Array<() => Response>) {
  return (_url: string, _init: RequestInit | undefined, index: number): Response => {
    const answer = answers[Math.min(index, answers.length - 1)]
    if (!answer) throw new Error('inTurn needs at least one answer')
    return answer()
  }
}

/** The JSON body a recorded request sent. */
export function sentBody(request: ScriptedRequest | undefined): Record<string, unknown> {
  return JSON.parse(String(request?.init?.body)) as Record<string, unknown>
}

/** The headers a recorded request sent. */
export function sentHeaders(request: ScriptedRequest | undefined): Headers {
  return new Headers(request?.init?.headers)
}

/** Headers of an SSE response. */
export const eventStream = { 'Content-Type': 'text/event-stream' }

/** Serialises events as SSE: `event:` + `data:` lines when a name is given, as §8.2/§9 send. */
export function sse(...events: Array<Record<string, unknown>>): string {
  return events
    .map((event) =>
      typeof event.type === 'string'
        ? `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
        : `data: ${JSON.stringify(event)}\n\n`,
    )
    .join('')
}

/** Collects an answer's events; `text` and `reasoning` join what arrived of each. */
export function collector() {
  const events: Array<{ type: 'text' | 'reasoning'; text: string }> = []
  const joined = (type: 'text' | 'reasoning') =>
    events
      .filter((event) => event.type === type)
      .map((event) => event.text)
      .join('')
  return {
    events,
    onEvent: (event: { type: 'text' | 'reasoning'; text: string }) => void events.push(event),
    get text() {
      return joined('text')
    },
    get reasoning() {
      return joined('reasoning')
    },
  }
}
