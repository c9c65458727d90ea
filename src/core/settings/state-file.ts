import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Log } from '../ports.ts'

/** A field that cannot be read is dropped on its own, so one bad value does not reset the rest. */
function field<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined)
}

const modelIds = field(z.array(z.string().min(1)))

const stateSchema = z.object({
  /** The model the person picked last. */
  selectedModelId: field(z.string().min(1)),
  /** The model picked in Settings to name conversations. */
  smallModelId: field(z.string().min(1)),
  /** Starred models, in the order they were starred. */
  favouriteModelIds: modelIds,
  /** Models used to send, most recent first. */
  recentModelIds: modelIds,
  /** The system prompt new conversations start with. */
  defaultSystemPrompt: field(z.string()),
  /** The local API server was switched on in Settings (issue 6: off by default). */
  apiEnabled: field(z.boolean()),
  /** The local API server's port. */
  apiPort: field(z.int().min(1).max(65_535)),
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
      return withoutAbsent(stateSchema.parse(JSON.parse(text)))
    } catch {
      log.warn('state file unreadable; starting from defaults', { path })
      return {}
    }
  }

  return {
    read: () => state,
    update(patch) {
      state = withoutAbsent({ ...state, ...patch })
      mkdirSync(dirname(path), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
      renameSync(temporary, path)
    },
  }
}

// A key set to undefined (a cleared pick, an unreadable field) is left out of the state.
function withoutAbsent(state: AppState): AppState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined))
}
