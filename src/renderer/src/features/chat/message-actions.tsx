import type { Message } from '../../../../shared/contract.ts'
import { useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { CopyButton } from '../../ui/copy-button.tsx'

type MessageActionsProps = {
  message: Message
  isLast: boolean
  busy: boolean
  /** Present on the person's messages: opens the edit form. */
  onEdit?(): void
}

/** Whether an answer ended before it was complete, so the model can be asked to carry on. */
function wasCutOff(message: Message): boolean {
  return (
    message.content.length > 0 &&
    (message.status === 'interrupted' ||
      (message.status === 'failed' && message.error?.kind !== 'cancelled'))
  )
}

/**
 * What a person can do with a turn (issue 4 §4): copy it; edit and resend their own; regenerate
 * the last answer, or Retry / Continue one that was cut off. Answers use the model picked now.
 */
export function MessageActions({ message, isLast, busy, onEdit }: MessageActionsProps) {
  const modelId = useModels((s) => s.selectedId)
  const regenerate = useChat((s) => s.regenerate)
  const continueAnswer = useChat((s) => s.continueAnswer)
  const canAnswer = !busy && modelId !== null
  const failed = message.status === 'failed' || message.status === 'interrupted'

  return (
    <div className="message-actions" role="group" aria-label="Message actions">
      <CopyButton text={() => message.content} label="Copy message" />
      {onEdit ? (
        <button type="button" className="button button-small" disabled={busy} onClick={onEdit}>
          Edit
        </button>
      ) : null}
      {message.role === 'assistant' && isLast && modelId !== null ? (
        <>
          <button
            type="button"
            className="button button-small"
            disabled={!canAnswer}
            onClick={() => void regenerate({ messageId: message.id, modelId })}
          >
            {failed ? 'Retry' : 'Regenerate'}
          </button>
          {wasCutOff(message) ? (
            <button
              type="button"
              className="button button-small"
              disabled={!canAnswer}
              onClick={() => void continueAnswer({ messageId: message.id, modelId })}
            >
              Continue
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  )
}
