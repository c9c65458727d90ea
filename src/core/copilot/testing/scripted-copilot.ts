import type { AuthService } from '../../auth/auth-service.ts'
import { defaultClientProfile } from '../../auth/client-profile.ts'
import type { CopilotCredentials } from '../../auth/copilot-credentials.ts'
import { systemClock, type HttpFetch } from '../../ports.ts'
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
 * Copilot deps whose network answers every request with `respond` (the injected fetch port), for
 * byte-exact wire cases the fake upstream does not produce. Records the requests.
 */
export function scriptedCopilot(respond: (url: string, init?: RequestInit) => Response) {
  const requests: Array<{ url: string; init: RequestInit | undefined }> = []
  const fetch: HttpFetch = async (url, init) => {
    requests.push({ url, init })
    return respond(url, init)
  }
  const credentials: CopilotCredentials = {
    get: async () => ({ bearer: 'test-bearer', apiUrl: 'https://copilot.test' }),
    invalidate: () => {},
    dispose: () => {},
  }
  const auth = { credentials: () => credentials, revoke: async () => {} } as unknown as AuthService
  const deps: CopilotDeps = {
    fetch,
    clock: systemClock,
    auth,
    profile: defaultClientProfile,
    interactionId: 'test-interaction',
  }
  return { deps, requests }
}

/** Headers of an SSE response. */
export const eventStream = { 'Content-Type': 'text/event-stream' }
