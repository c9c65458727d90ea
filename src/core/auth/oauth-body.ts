import { readJson } from '../http.ts'

/**
 * GitHub's OAuth endpoints answer JSON when asked with `Accept: application/json`, but a proxy or
 * an older server may still answer form-encoded (copilot-protocol.md §1.1); read either.
 */
export async function readOAuthBody(response: Response): Promise<Record<string, unknown>> {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await response.text()))
  }
  const body = await readJson(response)
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
}

/** A form-encoded POST that asks for a JSON answer (§1.1), with the client's User-Agent. */
export function formBody(fields: Record<string, string>, userAgent: string): RequestInit {
  return {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': userAgent,
    },
    body: new URLSearchParams(fields).toString(),
  }
}
