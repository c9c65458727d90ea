import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveRendererFile } from './renderer-files.ts'

const root = resolve('/srv/logai/renderer')

describe('resolveRendererFile', () => {
  it('serves index.html for /', () => {
    expect(resolveRendererFile(root, '/')).toEqual({
      kind: 'file',
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    })
  })

  it('serves a bundled asset with its content type', () => {
    expect(resolveRendererFile(root, '/assets/index-abc.js')).toEqual({
      kind: 'file',
      file: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    })
  })

  it('decodes percent-escapes before looking the file up', () => {
    expect(resolveRendererFile(root, '/assets/a%20b.css')).toMatchObject({
      kind: 'file',
      file: join(root, 'assets', 'a b.css'),
    })
  })

  it('accepts a root given with a trailing separator', () => {
    expect(resolveRendererFile(`${root}/`, '/')).toMatchObject({ file: join(root, 'index.html') })
  })

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/%2e%2e/etc/shadow.json',
    '/assets/../../outside.js',
    '/assets/%2E%2E/%2E%2E/outside.js',
    '/..%2f..%2foutside.js',
  ])('refuses to leave the root: %s', (pathname) => {
    expect(resolveRendererFile(root, pathname)).toEqual({ kind: 'not_found' })
  })

  it('keeps a doubled leading slash inside the root', () => {
    expect(resolveRendererFile(root, '//etc/passwd.json')).toMatchObject({
      file: join(root, 'etc', 'passwd.json'),
    })
  })

  it.each(['/server.ts', '/.env', '/assets/', '/settings', '/index.HTML', '/assets/app.js.map'])(
    'refuses a file kind the bundle never ships: %s',
    (pathname) => {
      expect(resolveRendererFile(root, pathname)).toEqual({ kind: 'not_found' })
    },
  )

  it.each(['/%E0%A4%A', '/%E0', '/%', '/index.html%00.js'])(
    'calls an undecodable path malformed instead of throwing: %s',
    (pathname) => {
      expect(resolveRendererFile(root, pathname)).toEqual({ kind: 'malformed' })
    },
  )
})
