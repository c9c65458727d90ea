import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { trustExtraCertificates } from './extra-certificates.ts'

// A private root and a server certificate it signed, as a TLS-inspecting proxy would present.
let dir: string
let server: Server
let url: string

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logai-ca-'))
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Corp Root',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  )
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  )
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n')
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    'san.ext',
    '-out',
    'server.pem',
  )
  server = createServer(
    { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) },
    (_req, res) => res.end('through the proxy'),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

describe('caCertificates in config.json', () => {
  it('makes a server signed by the corporate root trusted, as NODE_EXTRA_CA_CERTS would', async () => {
    await expect(fetch(url)).rejects.toThrow()
    expect(trustExtraCertificates(join(dir, 'ca.pem'))).toBeNull()
    const response = await fetch(url)
    expect(await response.text()).toBe('through the proxy')
  })

  it('says what is wrong with a missing or empty file, naming the key', () => {
    expect(trustExtraCertificates(join(dir, 'absent.pem'))).toMatch(
      /^caCertificates: LogAI cannot read .*absent\.pem \(ENOENT\)/,
    )
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate')
    expect(trustExtraCertificates(join(dir, 'empty.pem'))).toMatch(/holds no PEM certificate/)
  })
})
