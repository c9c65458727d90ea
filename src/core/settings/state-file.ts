import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AppFailure } from '../../shared/errors.ts'
import type { Log } from '../ports.ts'
import { storageCondition } from '../sessions/storage-errors.ts'

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
  /**
   * Writes the patched state. A write that fails (a full disk, a read-only folder) throws an
   * `internal` AppFailure that says so, and the state stays as it was.
   */
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
      const next = withoutAbsent({ ...state, ...patch })
      const temporary = `${path}.${process.pid}.tmp`
      try {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
        renameSync(temporary, path)
      } catch (error) {
        try {
          rmSync(temporary, { force: true })
        } catch {
          // Nothing was written where the folder cannot be reached.
        }
        log.warn('could not write the state file', { path, error: String(error) })
        throw new AppFailure({ kind: 'internal', message: notSaved(error, dirname(path)) })
      }
      state = next
    },
  }
}

function notSaved(error: unknown, folder: string): string {
  switch (storageCondition(error)) {
    case 'full':
      return 'The disk is full, so LogAI could not save this setting. Free some space and try again.'
    case 'read_only':
      return `LogAI could not save this setting: its folder ${folder} is read-only.`
    default:
      return `LogAI could not save this setting in ${folder}. Check the disk, then try again.`
  }
}

// A key set to undefined (a cleared pick, an unreadable field) is left out of the state.
function withoutAbsent(state: AppState): AppState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined))
}
