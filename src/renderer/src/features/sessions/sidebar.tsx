import { useCallback, useEffect, useRef, useState } from 'react'
import type { SearchHit } from '../../../../shared/contract.ts'
import { useChat } from '../../stores/chat-store.ts'
import { useSessions } from '../../stores/sessions-store.ts'
import { AccountPanel } from '../account/account-panel.tsx'
import { SettingsButton } from '../settings/settings-dialog.tsx'
import { SearchBox } from './search-box.tsx'
import { SearchResults } from './search-results.tsx'
import { SessionList } from './session-list.tsx'
import { SessionNotice } from './session-notice.tsx'
import { SessionTransfer } from './session-transfer.tsx'
import { useSessionActions } from './use-session-actions.ts'
import type { SessionListHandle } from './virtual-session-list.tsx'
import './sessions.css'

type SidebarProps = {
  login: string
  /** The GitHub host signed in to. */
  host: string
  /** Moves focus to the composer after the conversation changed. */
  focusComposer(): void
}

// Typing pauses this long before the search runs, so each keystroke does not query the core.
const searchDelayMs = 150

/** New chat, search, the history, and the account. */
export function Sidebar({ login, host, focusComposer }: SidebarProps) {
  const newChat = useChat((s) => s.newChat)
  const searchFor = useSessions((s) => s.searchFor)
  const actions = useSessionActions(focusComposer)
  const [query, setQuery] = useState('')
  const searching = query.trim() !== ''
  const searchBox = useRef<HTMLInputElement>(null)
  const results = useRef<HTMLUListElement>(null)
  const list = useRef<SessionListHandle>(null)
  // The list is remounted after a search; it comes back scrolled where it was.
  const listOffset = useRef(0)

  useEffect(() => {
    const timer = setTimeout(() => void searchFor(query), query.trim() ? searchDelayMs : 0)
    return () => clearTimeout(timer)
  }, [query, searchFor])

  const onOffsetChange = useCallback((offset: number) => {
    listOffset.current = offset
  }, [])
  const initialOffset = useCallback(() => listOffset.current, [])

  const choose = useCallback(
    (hit: SearchHit) => void actions.open(hit.sessionId, hit.messageId),
    [actions],
  )

  return (
    <aside className="sidebar">
      <button
        type="button"
        className="button button-primary new-chat"
        onClick={() => {
          newChat()
          focusComposer()
        }}
      >
        New chat
      </button>
      <SearchBox
        value={query}
        onChange={setQuery}
        inputRef={searchBox}
        onEnterResults={() => results.current?.querySelector<HTMLElement>('.search-hit')?.focus()}
      />
      <nav aria-label="Sessions" className="sessions-nav">
        {searching ? (
          <SearchResults
            query={query}
            listRef={results}
            onChoose={choose}
            onRetry={() => void searchFor(query)}
            onLeave={(clear) => {
              if (clear) setQuery('')
              searchBox.current?.focus()
            }}
          />
        ) : (
          <SessionList
            ref={list}
            actions={actions}
            initialOffset={initialOffset}
            onOffsetChange={onOffsetChange}
          />
        )}
      </nav>
      <SessionNotice
        onRestored={(id, restoring) => {
          list.current?.focusSession(id)
          void restoring.then((back) => (back ? actions.restored(id) : undefined))
        }}
      />
      <SessionTransfer />
      <SettingsButton />
      <AccountPanel login={login} host={host} />
    </aside>
  )
}
