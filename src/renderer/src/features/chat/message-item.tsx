import { memo } from 'react'
import type { Message } from '../../../../shared/contract.ts'
import { MarkdownView } from '../../ui/markdown/markdown-view.tsx'

type MessageItemProps = {
  message: Message
  /** The display name of the model that answered, when it is known. */
  modelName: string | undefined
}

function Outcome({ message }: { message: Message }) {
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

/** One turn of the conversation: the person's text as typed, Copilot's as markdown. */
export const MessageItem = memo(function MessageItem({ message, modelName }: MessageItemProps) {
  if (message.role === 'user') {
    return (
      <article className="message message-user" aria-label="You">
        <div className="message-bubble">{message.content}</div>
      </article>
    )
  }
  const streaming = message.status === 'streaming'
  return (
    <article className="message message-assistant" aria-label="Copilot">
      <p className="message-author">
        Copilot{modelName ? <span className="message-model"> · {modelName}</span> : null}
      </p>
      {message.content ? (
        <MarkdownView text={message.content} streaming={streaming} />
      ) : streaming ? (
        <span className="typing" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
      ) : null}
      <Outcome message={message} />
    </article>
  )
})
