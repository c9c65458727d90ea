import { useMemo } from 'react'
import { useAppStores } from '../../stores/context.ts'
import { downloadFile } from './download-file.ts'

/** What the sidebar can do to one session; stable for the life of the stores. */
export type SessionActions = {
  /** Opens a session, at `atMessageId` when a search result names one. */
  open(id: string, atMessageId?: string | null): Promise<void>
  rename(id: string, title: string): void
  setPinned(id: string, pinned: boolean): void
  /** Deletes with Undo; the open conversation makes way for a new chat. */
  remove(id: string): void
  exportSession(id: string, format: 'markdown' | 'json'): Promise<void>
}

/**
 * The session actions, wired to the stores once so memoised rows never re-render for new
 * callbacks. `onOpened` runs as soon as a session was asked to open without a target message,
 * so the composer can take focus; with a target, the conversation takes it instead.
 */
export function useSessionActions(onOpened: () => void): SessionActions {
  const { chat, models, sessions } = useAppStores()
  return useMemo(
    () => ({
      async open(id, atMessageId) {
        const opening = chat.getState().openSession(id, { atMessageId: atMessageId ?? null })
        if (!atMessageId) onOpened()
        const session = await opening
        if (session) models.getState().follow(session.id, session.modelId)
      },
      rename(id, title) {
        void sessions.getState().rename(id, title)
      },
      setPinned(id, pinned) {
        void sessions.getState().setPinned(id, pinned)
      },
      remove(id) {
        if (chat.getState().sessionId === id) chat.getState().newChat()
        void sessions.getState().remove(id)
      },
      async exportSession(id, format) {
        const file = await sessions.getState().exportSession(id, format)
        if (file) downloadFile(file)
      },
    }),
    [chat, models, sessions, onOpened],
  )
}
