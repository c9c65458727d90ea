import { useChat } from '../../stores/chat-store.ts'
import { AccountPanel } from '../account/account-panel.tsx'
import { SettingsButton } from '../settings/settings-dialog.tsx'
import { SessionList } from './session-list.tsx'

type SidebarProps = {
  login: string
  /** The GitHub host signed in to. */
  host: string
  /** Moves focus to the composer after the conversation changed. */
  focusComposer(): void
}

/** New chat, the history, and the account. */
export function Sidebar({ login, host, focusComposer }: SidebarProps) {
  const newChat = useChat((s) => s.newChat)
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
      <SessionList onOpened={focusComposer} />
      <SettingsButton />
      <AccountPanel login={login} host={host} />
    </aside>
  )
}
