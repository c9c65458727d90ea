import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Log } from '../ports.ts'
import { createStateFile } from './state-file.ts'

let dir: string
let path: string
const warnings: string[] = []
const log: Log = { info: () => {}, warn: (message) => void warnings.push(message), error: () => {} }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logai-state-'))
  path = join(dir, 'nested', 'state.json')
  warnings.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the state file', () => {
  it('keeps what was written for the next start', () => {
    createStateFile(path, log).update({ selectedModelId: 'gpt-4.1', recentModelIds: ['a', 'b'] })
    expect(createStateFile(path, log).read()).toEqual({
      selectedModelId: 'gpt-4.1',
      recentModelIds: ['a', 'b'],
    })
  })

  it('drops only the field it cannot read', () => {
    writeFileSync(
      join(dir, 'state.json'),
      JSON.stringify({ selectedModelId: 7, favouriteModelIds: ['a'], recentModelIds: 'b' }),
    )
    const state = createStateFile(join(dir, 'state.json'), log)
    expect(state.read()).toEqual({ favouriteModelIds: ['a'] })
    expect(warnings).toEqual([])
  })

  it('starts from defaults when the file is not JSON, and replaces it on the next write', () => {
    const flat = join(dir, 'state.json')
    writeFileSync(flat, '{ nope')
    const state = createStateFile(flat, log)
    expect(state.read()).toEqual({})
    expect(warnings).toHaveLength(1)
    state.update({ smallModelId: 'mini' })
    expect(JSON.parse(readFileSync(flat, 'utf8'))).toEqual({ smallModelId: 'mini' })
  })

  it('says why a write failed and keeps the state as it was', () => {
    const state = createStateFile(path, log)
    state.update({ selectedModelId: 'gpt-4.1' })
    // A file where the folder should be: the write fails whoever runs the test (root too).
    const blocked = join(dir, 'blocked')
    writeFileSync(blocked, '')
    const stuck = createStateFile(join(blocked, 'state.json'), log)
    expect(() => stuck.update({ selectedModelId: 'claude-sonnet-4' })).toThrow(
      `LogAI could not save this setting in ${blocked}. Check the disk, then try again.`,
    )
    expect(stuck.read()).toEqual({})
    expect(warnings).toEqual(['could not write the state file'])
    expect(state.read()).toEqual({ selectedModelId: 'gpt-4.1' })
  })
})
