import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Serves the built renderer; anything outside `root` or unknown is a 404, never a directory walk. */
export async function serveStatic(root: string, pathname: string, response: ServerResponse) {
  const relative =
    pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
  const file = normalize(join(root, relative))
  const type = contentTypes[extname(file)]
  if (!file.startsWith(root + sep) || !type) return notFound(response)
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return notFound(response)
  }
  response.writeHead(200, {
    'Content-Type': type,
    'Cache-Control': type.startsWith('text/html')
      ? 'no-store'
      : 'public, max-age=31536000, immutable',
  })
  response.end(body)
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end('Not found')
}
