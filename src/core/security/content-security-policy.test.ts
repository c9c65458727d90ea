import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './content-security-policy.ts'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

describe('content security policy', () => {
  it('allows no eval, no inline code and no remote hosts', () => {
    const policy = contentSecurityPolicy(['ws://127.0.0.1:4000'])
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/)
    const d = directives(policy)
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4000'])
  })
})

describe('the CSP meta tag in the renderer page', () => {
  it('is the same policy the hosts send (meta tags cannot carry frame-ancestors)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    const expected = directives(contentSecurityPolicy(['ws://127.0.0.1:*', 'ws://localhost:*']))
    expected.delete('frame-ancestors')
    expect(directives(meta)).toEqual(expected)
  })
})
