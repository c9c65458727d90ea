import { useState, type KeyboardEvent, type Ref } from 'react'
import { maxMessageLength } from '../../../../shared/contract.ts'
import type { AppError } from '../../../../shared/errors.ts'
import { activeStreamId, useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'

type ComposerProps = { textareaRef?: Ref<HTMLTextAreaElement> }

const formatCount = (count: number) => count.toLocaleString('en-US')

// The core refuses longer text (counted after trimming, as `chat:send` counts it); say so first.
function lengthError(length: number): AppError | null {
  if (length <= maxMessageLength) return null
  return {
    kind: 'invalid_input',
    message:
      `This message is ${formatCount(length)} characters long; ` +
      `the limit is ${formatCount(maxMessageLength)}. Shorten it or split it.`,
  }
}

/** The message box: Enter sends, Shift+Enter breaks the line, Stop ends a streaming answer. */
export function Composer({ textareaRef }: ComposerProps) {
  const [text, setText] = useState('')
  const modelId = useModels((s) => s.selectedId)
  const streamId = useChat(activeStreamId)
  const sending = useChat((s) => s.sending)
  const viewReady = useChat((s) => s.status === 'ready')
  const sendError = useChat((s) => s.sendError)
  const stopError = useChat((s) => s.stopError)
  const send = useChat((s) => s.send)
  const stop = useChat((s) => s.stop)

  const length = text.trim().length
  const tooLong = lengthError(length)
  const canSend = length > 0 && !tooLong && modelId !== null && viewReady && !sending && !streamId

  const submit = async () => {
    if (!canSend || modelId === null) return
    const sent = text
    const accepted = await send({ text: sent, modelId })
    // Only clear once the core has the message, and never what was typed since.
    if (accepted) setText((current) => (current === sent ? '' : current))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return
    // Enter also confirms an IME composition; that Enter is not a send.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return
    event.preventDefault()
    void submit()
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <ErrorAlert error={tooLong ?? sendError ?? stopError} />
      <div className="composer-box">
        <textarea
          ref={textareaRef}
          aria-label="Message"
          aria-invalid={tooLong ? true : undefined}
          className="composer-input"
          placeholder="Message Copilot (Shift+Enter for a new line)"
          rows={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {streamId ? (
          <button type="button" className="button composer-stop" onClick={() => void stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
    </form>
  )
}
