import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Message } from '../../../shared/contract.ts'
import { AppFailure, type AppError } from '../../../shared/errors.ts'
import {
  openSessionStore,
  type OpenedSessionStore,
  type SessionStore,
  type SessionStoreOptions,
} from '../session-store.ts'

/** A temp folder for one test's database, and every store opened on it, closed at the end. */
export type TempStores = {
  dir: string
  /** `logai.db` in the folder. */
  path: string
  open(options?: SessionStoreOptions, path?: string): Promise<OpenedSessionStore>
  /** Closes every store still open and deletes the folder. */
  dispose(): Promise<void>
}

export function createTempStores(): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'logai-store-'))
  const opened: OpenedSessionStore[] = []
  return {
    dir,
    path: join(dir, 'logai.db'),
    async open(options, path = join(dir, 'logai.db')) {
      const result = await openSessionStore(path, options)
      opened.push(result)
      return result
    },
    async dispose() {
      await Promise.all(opened.map(({ store }) => store.close()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The `AppError` a call rejected with (fails the test when it resolved or threw otherwise). */
export async function rejection(call: Promise<unknown>): Promise<AppError> {
  try {
    await call
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected the call to fail')
}

/** Adds a complete message; `at` is its timestamp. */
export function say(
  store: SessionStore,
  sessionId: string,
  role: Message['role'],
  content: string,
  at: number,
): Promise<Message> {
  return store.addMessage({ sessionId, role, content, status: 'complete', createdAt: at })
}
