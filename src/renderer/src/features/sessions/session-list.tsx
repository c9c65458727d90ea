import { useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { useSessions } from '../../stores/sessions-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'

type SessionListProps = {
  /** Called once a session was asked to open, so the composer can take focus. */
  onOpened(): void
}

/** Past conversations, newest first; the open one is marked as the current page. */
export function SessionList({ onOpened }: SessionListProps) {
  const sessions = useSessions((s) => s.sessions)
  const status = useSessions((s) => s.status)
  const error = useSessions((s) => s.error)
  const reload = useSessions((s) => s.load)
  const openId = useChat((s) => s.sessionId)
  const openSession = useChat((s) => s.openSession)
  const follow = useModels((s) => s.follow)

  const open = async (id: string) => {
    const opening = openSession(id)
    onOpened()
    const session = await opening
    if (session) follow(session.modelId)
  }

  return (
    <nav aria-label="Sessions" className="session-nav">
      <ErrorAlert error={error} onRetry={() => void reload()} />
      {status === 'ready' && sessions.length === 0 ? (
        <p className="empty-hint">Your conversations will appear here.</p>
      ) : null}
      <ul className="session-list">
        {sessions.map((session) => (
          <li key={session.id}>
            <button
              type="button"
              className="session-item"
              aria-current={session.id === openId ? 'page' : undefined}
              onClick={() => void open(session.id)}
              title={session.title || 'Untitled chat'}
            >
              {session.title || 'Untitled chat'}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
