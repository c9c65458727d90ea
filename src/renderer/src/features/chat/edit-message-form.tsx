import { useState, type KeyboardEvent } from 'react'
import type { Message } from '../../../../shared/contract.ts'
import { useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'

type EditMessageFormProps = { message: Message; onDone(): void }

/**
 * Edits one of the person's messages in place. Sending replaces that message and every later
 * turn with the new text and a new answer; Escape or Cancel leaves everything as it was.
 */
export function EditMessageForm({ message, onDone }: EditMessageFormProps) {
  const [text, setText] = useState(message.content)
  const modelId = useModels((s) => s.selectedId)
  const edit = useChat((s) => s.edit)
  const sending = useChat((s) => s.sending)
  const canSend = text.trim().length > 0 && modelId !== null && !sending

  const submit = async () => {
    if (!canSend || modelId === null) return
    if (await edit({ messageId: message.id, modelId, text })) onDone()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onDone()
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void submit()
    }
  }

  return (
    <form
      className="message-edit"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <textarea
        aria-label="Edit message"
        className="composer-input"
        value={text}
        // The person pressed Edit to type here.
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message-actions">
        <button type="submit" className="button button-primary button-small" disabled={!canSend}>
          Save and send
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
