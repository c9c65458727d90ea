import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { resolveRendererFile } from '../core/renderer-files.ts'
import { contentSecurityPolicy } from '../core/security/content-security-policy.ts'

/** The renderer is served from `app://logai/`, never `file://` (architecture.md, security). */
export const appScheme = 'app'
export const appOrigin = 'app://logai'

/**
 * Must run before the app is ready. `codeCache`: Chromium keeps V8's compiled code only for http(s)
 * unless a scheme asks for it, so without it every window start parsed and compiled the renderer's
 * scripts from scratch (in Chromium through the web host, the cached start is the one measured).
 */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Serves the built renderer folder on `app://logai/`; anything else is a 404. */
export function handleAppProtocol(rendererDir: string) {
  protocol.handle(appScheme, async (request) => {
    const url = URL.parse(request.url)
    if (url?.host !== 'logai') return notFound()
    const found = resolveRendererFile(rendererDir, url.pathname)
    if (found.kind !== 'file') return notFound()
    try {
      return new Response(await readFile(found.file), {
        headers: {
          'Content-Type': found.contentType,
          'Content-Security-Policy': contentSecurityPolicy(),
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch {
      return notFound()
    }
  })
}

function notFound() {
  return new Response('Not found', { status: 404 })
}
