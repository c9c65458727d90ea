import {
  streamAnswer,
  type AnswerRequest,
  type ChatTurn,
  type ImagePart,
} from '../answer-stream.ts'
import type { ModelRoute } from '../model-route.ts'
import { collector, eventStream, scriptedCopilot } from './scripted-copilot.ts'

/** What a scripted answer may change from its defaults. */
export type ScriptedAnswerOptions = {
  /** The response's headers; SSE by default. */
  headers?: Record<string, string>
  route?: ModelRoute
  /** The conversation; one user turn `hi` by default. */
  messages?: ChatTurn[]
  showReasoning?: boolean
}

/**
 * An `answer(body, options)` for one endpoint's wire tests: it streams an answer through
 * `streamAnswer` from a Copilot whose every response has exactly this body, on `route` unless the
 * options name another, and returns the outcome, the events delivered and the requests sent. The
 * three endpoints' tests differ only in their route, so each makes its own with this.
 */
export function createScriptedAnswer(route: ModelRoute) {
  return (body: ReadableStream<Uint8Array> | string, options: ScriptedAnswerOptions = {}) => {
    const { deps, requests } = scriptedCopilot(
      () => new Response(body, { headers: options.headers ?? eventStream }),
    )
    const events = collector()
    const request: AnswerRequest = {
      route: options.route ?? route,
      messages: options.messages ?? [{ role: 'user', content: 'hi' }],
      initiator: 'user',
      signal: new AbortController().signal,
      ...(options.showReasoning === undefined ? {} : { showReasoning: options.showReasoning }),
    }
    const outcome = streamAnswer(deps, request, events.onEvent)
    return { outcome, events, requests }
  }
}

/** A conversation of one user turn with this text and one image, for the vision cases. */
export function imageTurn(content: string, image: ImagePart): ChatTurn[] {
  return [{ role: 'user', content, images: [image] }]
}
