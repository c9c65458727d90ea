import { useLayoutEffect, useMemo, useRef } from 'react'
import { activeStreamId, useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import { MessageItem } from './message-item.tsx'

// How close to the bottom still counts as "reading the latest", in pixels.
const stickThreshold = 80

/** The open conversation; follows a streaming answer unless the reader scrolled up. */
export function Conversation() {
  const sessionId = useChat((s) => s.sessionId)
  const messages = useChat((s) => s.messages)
  const status = useChat((s) => s.status)
  const loadError = useChat((s) => s.loadError)
  const openSession = useChat((s) => s.openSession)
  const streams = useChat((s) => s.streams)
  const busy = useChat((s) => s.sending || activeStreamId(s) !== null)
  const retries = useMemo(
    () => new Map(Object.values(streams).map((stream) => [stream.messageId, stream.retry])),
    [streams],
  )
  const models = useModels((s) => s.models)
  const names = useMemo(() => new Map(models.map((m) => [m.id, m.name])), [models])

  const scroller = useRef<HTMLElement>(null)
  const stick = useRef(true)

  useLayoutEffect(() => {
    stick.current = true
  }, [sessionId])

  useLayoutEffect(() => {
    const element = scroller.current
    if (element && stick.current) element.scrollTop = element.scrollHeight
  }, [messages])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < stickThreshold
  }

  return (
    <section className="conversation" aria-label="Conversation" ref={scroller} onScroll={onScroll}>
      <div className="conversation-inner">
        {status === 'loading' ? (
          <p className="conversation-note" role="status">
            <Spinner /> Opening the conversation…
          </p>
        ) : null}
        {status === 'failed' && sessionId ? (
          <ErrorAlert error={loadError} onRetry={() => void openSession(sessionId)} />
        ) : null}
        {status === 'ready' && messages.length === 0 ? (
          <div className="conversation-empty">
            <h2>What can Copilot help with?</h2>
            <p>Pick a model above, type a message below, and press Enter to send.</p>
          </div>
        ) : null}
        {messages.map((message, index) => (
          <MessageItem
            key={message.id}
            message={message}
            modelName={message.modelId ? names.get(message.modelId) : undefined}
            isLast={index === messages.length - 1}
            busy={busy}
            retry={retries.get(message.id) ?? null}
          />
        ))}
      </div>
    </section>
  )
}
