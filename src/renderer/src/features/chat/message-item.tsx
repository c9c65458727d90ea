import { memo, useState } from 'react'
import type { Message } from '../../../../shared/contract.ts'
import { MarkdownView } from '../../ui/markdown/markdown-view.tsx'
import { describeUsage } from './describe-usage.ts'
import { EditMessageForm } from './edit-message-form.tsx'
import { MessageActions } from './message-actions.tsx'
import type { LiveStream } from '../../stores/chat-store.ts'

type MessageItemProps = {
  message: Message
  /** The display name of the model that answered, when it is known. */
  modelName: string | undefined
  /** The last message of the conversation: the one Regenerate and Continue apply to. */
  isLast: boolean
  /** An answer is streaming or a request is on its way: turn controls wait. */
  busy: boolean
  /** Set while this answer's request waits to be tried again. */
  retry: LiveStream['retry']
}

function Outcome({ message }: { message: Message }) {
  // An answer that ended (complete or stopped) but could not be saved carries the save's error.
  if (message.error && (message.status === 'complete' || message.status === 'stopped')) {
    return (
      <p className="message-error" role="alert">
        {message.error.message}
      </p>
    )
  }
  switch (message.status) {
    case 'complete':
      return null
    case 'streaming':
      return (
        <p className="message-note answering" role="status">
          Copilot is answering…
        </p>
      )
    case 'stopped':
      return <p className="message-note">Stopped</p>
    case 'interrupted':
      return <p className="message-note">This answer was interrupted before it finished.</p>
    case 'failed':
      if (message.error?.kind === 'cancelled') return <p className="message-note">Stopped</p>
      return (
        <p className="message-error" role="alert">
          {message.error?.message ?? 'Copilot could not answer.'}
        </p>
      )
  }
}

function RetryNotice({ retry }: { retry: NonNullable<LiveStream['retry']> }) {
  const seconds = Math.max(1, Math.round(retry.delayMs / 1000))
  return (
    <p className="message-note" role="status">
      {retry.message} Trying again in {seconds} s (attempt {retry.attempt + 1}).
    </p>
  )
}

/** The model's reasoning, collapsed: most people want the answer, some want the why. */
function Thinking({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details className="message-thinking">
      <summary>{streaming ? 'Thinking…' : 'Thinking'}</summary>
      <p className="message-thinking-text">{text}</p>
    </details>
  )
}

function Images({ message }: { message: Message }) {
  if (!message.images?.length) return null
  return (
    <div className="message-images">
      {message.images.map((image, index) => (
        <img
          // Images never change within a message, so their position is a stable key.
          key={index}
          className="message-image"
          src={`data:${image.mediaType};base64,${image.base64}`}
          alt={`Attached image ${index + 1}`}
        />
      ))}
    </div>
  )
}

/** One turn of the conversation: the person's text as typed, Copilot's as markdown. */
export const MessageItem = memo(function MessageItem({
  message,
  modelName,
  isLast,
  busy,
  retry,
}: MessageItemProps) {
  const [editing, setEditing] = useState(false)
  if (message.role === 'user') {
    return (
      <article className="message message-user" aria-label="You">
        {editing ? (
          <EditMessageForm message={message} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Images message={message} />
            <div className="message-bubble">{message.content}</div>
            <MessageActions
              message={message}
              isLast={isLast}
              busy={busy}
              onEdit={() => setEditing(true)}
            />
          </>
        )}
      </article>
    )
  }
  const streaming = message.status === 'streaming'
  return (
    <article className="message message-assistant" aria-label="Copilot">
      <p className="message-author">
        Copilot{modelName ? <span className="message-model"> · {modelName}</span> : null}
      </p>
      {message.reasoning ? <Thinking text={message.reasoning} streaming={streaming} /> : null}
      {message.content ? (
        <MarkdownView text={message.content} streaming={streaming} />
      ) : streaming ? (
        <span className="typing" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
      ) : null}
      {retry ? <RetryNotice retry={retry} /> : null}
      <Outcome message={message} />
      {message.usage ? <p className="message-usage">{describeUsage(message.usage)}</p> : null}
      {streaming ? null : <MessageActions message={message} isLast={isLast} busy={busy} />}
    </article>
  )
})
