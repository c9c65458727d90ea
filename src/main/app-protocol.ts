import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { protocol } from 'electron'
import { contentSecurityPolicy } from '../core/security/content-security-policy.ts'

/** The renderer is served from `app://logai/`, never `file://` (architecture.md, security). */
export const appScheme = 'app'
export const appOrigin = 'app://logai'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** Must run before the app is ready. */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer folder on `app://logai/`; anything else is a 404. */
export function handleAppProtocol(rendererDir: string) {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'logai') return new Response('Not found', { status: 404 })
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).slice(1)
    const file = normalize(join(rendererDir, relative))
    const type = contentTypes[extname(file)]
    if (!file.startsWith(rendererDir + sep) || !type)
      return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file), {
        headers: {
          'Content-Type': type,
          'Content-Security-Policy': contentSecurityPolicy(),
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
