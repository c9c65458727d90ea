import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Log } from '../ports.ts'

const stateSchema = z.object({
  selectedModelId: z.string().optional(),
})
export type AppState = z.infer<typeof stateSchema>

/** Small UI state kept across restarts in one JSON file, replaced atomically on every write. */
export type StateFile = {
  read(): AppState
  update(patch: Partial<AppState>): void
}

/** Loads the state file at `path`; an unreadable one is logged and replaced on the next write. */
export function createStateFile(path: string, log: Log): StateFile {
  let state: AppState = load()

  function load(): AppState {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      return {}
    }
    try {
      return stateSchema.parse(JSON.parse(text))
    } catch {
      log.warn('state file unreadable; starting from defaults', { path })
      return {}
    }
  }

  return {
    read: () => state,
    update(patch) {
      state = { ...state, ...patch }
      mkdirSync(dirname(path), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
      renameSync(temporary, path)
    },
  }
}
