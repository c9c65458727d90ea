import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type Ref,
} from 'react'
import type { Image } from '../../../../shared/contract.ts'
import { maxMessageLength } from '../../../../shared/limits.ts'
import type { AppError } from '../../../../shared/errors.ts'
import { activeStreamId, useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { useSessions } from '../../stores/sessions-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { imageProblem, readImage } from './attachments.ts'

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

type Recall = { text: string; recalled: number | null }

/**
 * Where Up (`older`) or Down (`newer`) leads in the prompt history, or null when the key should
 * move the caret as usual. Up recalls from an empty box, or from a recalled prompt left as it
 * was with the caret on its first line; Down goes forward from its last line, and past the
 * newest back to an empty box. `recalled` indexes `history` (newest first).
 */
function recall(
  direction: 'older' | 'newer',
  box: HTMLTextAreaElement,
  history: readonly string[],
  recalled: number | null,
): Recall | null {
  const { value, selectionStart, selectionEnd } = box
  // Typing ends browsing (onChange forgets `recalled`); so does an edit that left no trace.
  const shown = recalled !== null && value === history[recalled] ? recalled : null
  if (direction === 'older') {
    const onFirstLine = !value.slice(0, selectionStart).includes('\n')
    if (!(value === '' || (shown !== null && onFirstLine))) return null
    const next = (shown ?? -1) + 1
    const text = history[next]
    return text === undefined ? null : { text, recalled: next }
  }
  if (shown === null || value.slice(selectionEnd).includes('\n')) return null
  const next = shown - 1
  return next < 0 ? { text: '', recalled: null } : { text: history[next] ?? '', recalled: next }
}

/**
 * The message box: Enter sends, Shift+Enter breaks the line, Stop ends a streaming answer.
 * Images come in by paste, drop or "Attach image"; a model that cannot see them is said so
 * before sending, never after. Up and Down in an empty box go through earlier prompts.
 */
export function Composer({ textareaRef }: ComposerProps) {
  const [text, setText] = useState('')
  const [images, setImages] = useState<Image[]>([])
  const [attachProblem, setAttachProblem] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const modelId = useModels((s) => s.selectedId)
  const model = useModels((s) => s.models.find((m) => m.id === s.selectedId))
  const streamId = useChat(activeStreamId)
  const sending = useChat((s) => s.sending)
  const viewReady = useChat((s) => s.status === 'ready')
  const sendError = useChat((s) => s.sendError)
  const stopError = useChat((s) => s.stopError)
  const send = useChat((s) => s.send)
  const stop = useChat((s) => s.stop)
  const history = useSessions((s) => s.promptHistory)
  const loadPromptHistory = useSessions((s) => s.loadPromptHistory)
  const rememberPrompt = useSessions((s) => s.rememberPrompt)
  // Which prompt of `history` the box shows; null once the person types (or never recalled).
  const [recalled, setRecalled] = useState<number | null>(null)

  useEffect(() => {
    void loadPromptHistory()
  }, [loadPromptHistory])

  const length = text.trim().length
  const tooLong = lengthError(length)
  const visionProblem = imageProblem(images, model)
  const canSend =
    length > 0 &&
    !tooLong &&
    !visionProblem &&
    modelId !== null &&
    viewReady &&
    !sending &&
    !streamId

  const submit = async () => {
    if (!canSend || modelId === null) return
    const sent = text
    const sentImages = images
    const accepted = await send({ text: sent, modelId, images: sentImages })
    // Only clear once the core has the message, and never what was typed since.
    if (accepted) {
      rememberPrompt(sent)
      setRecalled(null)
      setText((current) => (current === sent ? '' : current))
      setImages((current) => (current === sentImages ? [] : current))
    }
  }

  const attach = async (files: Iterable<File>) => {
    const problems: string[] = []
    const added: Image[] = []
    for (const file of files) {
      const read = await readImage(file)
      if ('problem' in read) problems.push(read.problem)
      else added.push(read)
    }
    if (added.length) setImages((current) => [...current, ...added])
    setAttachProblem(problems.length ? problems.join(' ') : null)
  }

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'))
    if (files.length === 0) return
    event.preventDefault()
    void attach(files)
  }

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (event.dataTransfer.files.length === 0) return
    event.preventDefault()
    void attach(event.dataTransfer.files)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && plain) {
      if (event.nativeEvent.isComposing) return
      const direction = event.key === 'ArrowUp' ? 'older' : 'newer'
      const next = recall(direction, event.currentTarget, history, recalled)
      if (!next) return
      event.preventDefault()
      setText(next.text)
      setRecalled(next.recalled)
      return
    }
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
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault()
      }}
      onDrop={onDrop}
    >
      <ErrorAlert error={tooLong ?? sendError ?? stopError} />
      {visionProblem || attachProblem ? (
        <p className="composer-problem" role="alert">
          {visionProblem ?? attachProblem}
        </p>
      ) : null}
      {images.length ? (
        <ul className="composer-images" aria-label="Attached images">
          {images.map((image, index) => (
            <li key={index} className="composer-image">
              <img
                src={`data:${image.mediaType};base64,${image.base64}`}
                alt={`Attached image ${index + 1}`}
              />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove image ${index + 1}`}
                onClick={() => setImages((current) => current.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="composer-box">
        <button
          type="button"
          className="button composer-attach"
          aria-label="Attach image"
          onClick={() => fileInput.current?.click()}
        >
          +
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          hidden
          onChange={(event) => {
            if (event.target.files) void attach([...event.target.files])
            event.target.value = ''
          }}
        />
        <textarea
          ref={textareaRef}
          aria-label="Message"
          aria-invalid={tooLong ? true : undefined}
          className="composer-input"
          placeholder="Message Copilot (Shift+Enter for a new line)"
          rows={1}
          value={text}
          onChange={(event) => {
            setText(event.target.value)
            setRecalled(null)
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
