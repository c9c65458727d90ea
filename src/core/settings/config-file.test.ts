import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultClientProfile } from '../auth/client-profile.ts'
import { configJsonSchema, loadConfig } from './config-file.ts'

let dir: string
let path: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logai-config-'))
  path = join(dir, 'config.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('config.json', () => {
  it('uses the defaults when there is no file', () => {
    expect(loadConfig(path)).toEqual({
      profile: defaultClientProfile,
      defaultModel: undefined,
      smallModel: undefined,
      enterpriseHost: undefined,
      problem: undefined,
    })
  })

  it('overrides client profile values, so a retired header is a config change', () => {
    writeFileSync(path, JSON.stringify({ clientProfile: { copilotApiVersion: '2026-06-01' } }))
    const { profile, problem } = loadConfig(path)
    expect(problem).toBeUndefined()
    expect(profile).toEqual({ ...defaultClientProfile, copilotApiVersion: '2026-06-01' })
  })

  it('names the bad key, runs on defaults and leaves the file alone', () => {
    const text = JSON.stringify({ clientProfile: { authMode: 'sideways' } })
    writeFileSync(path, text)
    const { profile, problem } = loadConfig(path)
    expect(profile).toEqual(defaultClientProfile)
    expect(problem).toContain('clientProfile.authMode')
    expect(readFileSync(path, 'utf8')).toBe(text)
  })

  it('reads the default model and the enterprise tenant', () => {
    writeFileSync(
      path,
      JSON.stringify({ defaultModel: 'claude-sonnet-4.5', enterpriseHost: 'acme.ghe.com' }),
    )
    expect(loadConfig(path)).toMatchObject({
      defaultModel: 'claude-sonnet-4.5',
      enterpriseHost: 'acme.ghe.com',
    })
  })

  it('reads the small model that names conversations', () => {
    writeFileSync(path, JSON.stringify({ defaultModel: 'gpt-4.1', smallModel: 'gpt-4o-mini' }))
    expect(loadConfig(path)).toMatchObject({
      defaultModel: 'gpt-4.1',
      smallModel: 'gpt-4o-mini',
      problem: undefined,
    })
  })

  it.each([[''], [42], [null]])('refuses a small model of %j and names the key', (value) => {
    writeFileSync(path, JSON.stringify({ defaultModel: 'gpt-4.1', smallModel: value }))
    const loaded = loadConfig(path)
    expect(loaded.problem).toContain('"smallModel"')
    expect(loaded).toMatchObject({ defaultModel: undefined, smallModel: undefined })
  })

  it('refuses an enterprise host that is not a GHE.com tenant', () => {
    writeFileSync(path, JSON.stringify({ enterpriseHost: 'github.example.com' }))
    expect(loadConfig(path).problem).toContain('enterpriseHost')
  })

  it('is published as a JSON schema that matches the code', () => {
    const published = readFileSync(
      new URL('../../../resources/config.schema.json', import.meta.url),
      'utf8',
    )
    expect(JSON.parse(published)).toEqual(configJsonSchema())
  })

  it('says so when the file is not JSON', () => {
    writeFileSync(path, '{ nope')
    expect(loadConfig(path).problem).toMatch(/not valid JSON/)
  })
})
