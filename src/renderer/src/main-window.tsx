import { useCallback, useRef } from 'react'
import type { AuthState } from '../../shared/contract.ts'
import { Composer } from './features/chat/composer.tsx'
import { Conversation } from './features/chat/conversation.tsx'
import { SystemPromptEditor } from './features/chat/system-prompt-editor.tsx'
import { ModelPicker } from './features/models/model-picker.tsx'
import { Sidebar } from './features/sessions/sidebar.tsx'
import { useChat } from './stores/chat-store.ts'
import { useSessions } from './stores/sessions-store.ts'

type MainWindowProps = { auth: Extract<AuthState, { kind: 'signed_in' }> }

function useConversationTitle(): string {
  const sessionId = useChat((s) => s.sessionId)
  const title = useSessions((s) => s.sessions.find((session) => session.id === sessionId)?.title)
  return sessionId === null ? 'New chat' : title || 'Untitled chat'
}

/** The signed-in window: history on the left, the conversation and composer on the right. */
export function MainWindow({ auth }: MainWindowProps) {
  const composer = useRef<HTMLTextAreaElement>(null)
  const focusComposer = useCallback(() => composer.current?.focus(), [])
  const title = useConversationTitle()

  return (
    <div className="main-window">
      {auth.storageWarning ? (
        <div className="banner banner-warning" role="alert">
          <p>{auth.storageWarning}</p>
        </div>
      ) : null}
      <div className="shell">
        <Sidebar login={auth.login} host={auth.host} focusComposer={focusComposer} />
        <main className="chat">
          <header className="chat-header">
            <h1 className="chat-title">{title}</h1>
            <SystemPromptEditor />
            <ModelPicker />
          </header>
          <Conversation />
          <Composer textareaRef={composer} />
        </main>
      </div>
    </div>
  )
}
