import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { resolveRendererFile } from '../core/renderer-files.ts'

/**
 * Serves the built renderer: an undecodable path is a 400; anything outside `root`, of an unknown
 * kind or unreadable is a 404, never a directory walk.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse) {
  const found = resolveRendererFile(root, pathname)
  if (found.kind === 'malformed') return answer(response, 400, 'Bad request')
  if (found.kind === 'not_found') return answer(response, 404, 'Not found')
  let body: Buffer
  try {
    body = await readFile(found.file)
  } catch {
    return answer(response, 404, 'Not found')
  }
  response.writeHead(200, {
    'Content-Type': found.contentType,
    'Cache-Control': found.contentType.startsWith('text/html')
      ? 'no-store'
      : 'public, max-age=31536000, immutable',
  })
  response.end(body)
}

/** A short plain-text answer for a request that gets no file. */
export function answer(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(text)
}
