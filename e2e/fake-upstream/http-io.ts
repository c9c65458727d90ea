import type { IncomingMessage, ServerResponse } from 'node:http'

const maxBodyBytes = 20 * 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBodyBytes) throw new Error('Request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses JSON or form bodies by content type; anything else stays a string, empty is null. */
export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return null
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/x-www-form-urlencoded')) return parseForm(raw)
  if (type.includes('json') || /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      return raw
    }
  }
  return raw
}

export function parseForm(raw: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw))
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendForm(
  res: ServerResponse,
  status: number,
  fields: Record<string, unknown>,
): void {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) params.set(key, String(value))
  const text = params.toString()
  res.writeHead(status, {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  })
  res.end(html)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
