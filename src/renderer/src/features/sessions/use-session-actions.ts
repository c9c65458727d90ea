import { useMemo, useRef } from 'react'
import { useAppStores } from '../../stores/context.ts'
import { downloadFile } from './download-file.ts'

/** What the sidebar can do to one session; stable for the life of the stores. */
export type SessionActions = {
  /** Opens a session, at `atMessageId` when a search result names one. */
  open(id: string, atMessageId?: string | null): Promise<void>
  /** Resolves false when the rename failed (the store says why). */
  rename(id: string, title: string): Promise<boolean>
  setPinned(id: string, pinned: boolean): void
  /** Deletes with Undo; the open conversation makes way for a new chat. */
  remove(id: string): void
  /**
   * Undo brought `id` back: when its delete closed it and the window is still on the empty new
   * chat that replaced it, it opens again (focus stays where it is).
   */
  restored(id: string): Promise<void>
  exportSession(id: string, format: 'markdown' | 'json'): Promise<void>
}

/**
 * The session actions, wired to the stores once so memoised rows never re-render for new
 * callbacks. `onOpened` runs as soon as a session was asked to open without a target message,
 * so the composer can take focus; with a target, the conversation takes it instead.
 */
export function useSessionActions(onOpened: () => void): SessionActions {
  const { chat, models, sessions } = useAppStores()
  // The conversation the last delete closed.
  const closedByDelete = useRef<string | null>(null)
  return useMemo(() => {
    const show = async (id: string, atMessageId: string | null) => {
      const session = await chat.getState().openSession(id, { atMessageId })
      if (session) models.getState().follow(session.id, session.modelId)
    }
    return {
      async open(id, atMessageId) {
        const opening = show(id, atMessageId ?? null)
        if (!atMessageId) onOpened()
        await opening
      },
      rename(id, title) {
        return sessions.getState().rename(id, title)
      },
      setPinned(id, pinned) {
        void sessions.getState().setPinned(id, pinned)
      },
      remove(id) {
        closedByDelete.current = chat.getState().sessionId === id ? id : null
        if (closedByDelete.current) chat.getState().newChat()
        void sessions.getState().remove(id)
      },
      async restored(id) {
        const { sessionId, messages } = chat.getState()
        const untouched = sessionId === null && messages.length === 0
        if (closedByDelete.current !== id || !untouched) return
        closedByDelete.current = null
        await show(id, null)
      },
      async exportSession(id, format) {
        const file = await sessions.getState().exportSession(id, format)
        if (file) downloadFile(file)
      },
    }
  }, [chat, models, sessions, onOpened])
}
