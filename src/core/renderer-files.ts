import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** The file kinds the renderer bundle ships; any other extension is never served. */
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

/**
 * Where a URL path leads in the built renderer: a file to read with its Content-Type, a path that
 * does not decode (`malformed`), or nothing that may be served (`not_found`).
 */
export type RendererFileLookup =
  | { kind: 'file'; file: string; contentType: string }
  | { kind: 'malformed' }
  | { kind: 'not_found' }

/**
 * Maps a URL pathname (still percent-encoded) to a file inside `root`, for both hosts: `/` is
 * index.html; a path escaping `root` or with an extension the bundle never ships is `not_found`.
 * Pure: never touches the disk and never throws.
 */
export function resolveRendererFile(root: string, pathname: string): RendererFileLookup {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return { kind: 'malformed' }
  }
  if (decoded.includes('\0')) return { kind: 'malformed' }
  const base = resolve(root)
  // `join`, unlike `resolve`, keeps an absolute-looking remainder (`//etc/passwd`) under `base`.
  const file = join(base, decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, ''))
  const inside = relative(base, file)
  if (inside === '' || isAbsolute(inside) || inside.split(sep)[0] === '..') {
    return { kind: 'not_found' }
  }
  const contentType = contentTypes[extname(file)]
  return contentType ? { kind: 'file', file, contentType } : { kind: 'not_found' }
}
