import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useChat } from '../../stores/chat-store.ts'
import { selectUnusableFollowed, useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { describeModel } from './describe-model.ts'
import { ModelPopover } from './model-popover.tsx'
import './model-picker.css'

/** A key that types a character (not Space, which presses the button). */
function isTypedCharacter(event: KeyboardEvent): boolean {
  return (
    event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey
  )
}

/** Says when the open conversation's own model cannot answer it, and which model will. */
function UnfollowedNote({ answering }: { answering: string }) {
  const sessionId = useChat((s) => s.sessionId)
  const status = useModels((s) => s.status)
  const models = useModels((s) => s.models)
  const followed = useModels((s) => s.followed)
  const unusable = selectUnusableFollowed({ status, models, followed }, sessionId)
  if (!unusable) return null
  return (
    <p className="model-details" role="status">
      This conversation was with {unusable.name}, which this account cannot use now; {answering}{' '}
      will answer.
    </p>
  )
}

/**
 * The "Model" button in the header: it names the picked model and opens the model list
 * (a filter combobox over a listbox, `model-popover.tsx`). What the picked model supports and
 * costs is shown beside it.
 */
export function ModelPicker() {
  const status = useModels((s) => s.status)
  const models = useModels((s) => s.models)
  const selectedId = useModels((s) => s.selectedId)
  const loadError = useModels((s) => s.loadError)
  const actionError = useModels((s) => s.actionError)
  const load = useModels((s) => s.load)

  const [open, setOpen] = useState(false)
  // What was typed on the closed button: the popover opens with it in the filter.
  const [typed, setTyped] = useState('')
  const anchor = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  if (status === 'failed') {
    return (
      <div className="model-picker">
        <ErrorAlert error={loadError} onRetry={() => void load()} />
      </div>
    )
  }

  const selected = models.find((m) => m.id === selectedId)
  const ready = status === 'ready' && models.length > 0
  const current =
    selected?.name ??
    (status !== 'ready' ? 'Loading models…' : ready ? 'None picked' : 'No models available')

  const openWith = (text: string) => {
    setTyped(text)
    setOpen(true)
  }
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (open) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      openWith('')
    } else if (isTypedCharacter(event)) {
      event.preventDefault()
      openWith(event.key)
    }
  }

  return (
    <div className="model-picker">
      <div
        className="model-picker-anchor"
        ref={anchor}
        onBlur={(event) => {
          // Tabbing out closes the list; a click on a non-focusable part of it does not.
          const next = event.relatedTarget
          if (open && next && !anchor.current?.contains(next)) setOpen(false)
        }}
      >
        <button
          ref={button}
          type="button"
          className="button model-picker-button"
          aria-label={`Model: ${current}`}
          aria-haspopup="dialog"
          aria-expanded={open}
          disabled={!ready}
          onClick={() => (open ? close(false) : openWith(''))}
          onKeyDown={onButtonKeyDown}
        >
          <span className="model-picker-current">{current}</span>
          <span className="model-picker-chevron" aria-hidden="true">
            ▾
          </span>
        </button>
        {open ? <ModelPopover initialFilter={typed} onClose={close} /> : null}
      </div>
      {selected ? <p className="model-details">{describeModel(selected).join(' · ')}</p> : null}
      {selected ? <UnfollowedNote answering={selected.name} /> : null}
      {open ? null : <ErrorAlert error={actionError} />}
    </div>
  )
}
