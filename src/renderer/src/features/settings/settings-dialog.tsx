import { useEffect, useRef, useState } from 'react'
import { maxSystemPromptLength } from '../../../../shared/limits.ts'
import { useSettings } from '../../stores/settings-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { SmallModelSelect } from '../models/small-model-select.tsx'
import { LocalApiSettings } from './local-api-settings.tsx'

/** The "Settings" button and its modal dialog: app-wide preferences. */
export function SettingsButton() {
  const dialog = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    if (!open && element.open) element.close()
  }, [open])

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Settings
      </button>
      <dialog
        ref={dialog}
        className="settings-dialog"
        aria-labelledby="settings-title"
        onClose={() => setOpen(false)}
      >
        {open ? <SettingsForm onDone={() => setOpen(false)} /> : null}
      </dialog>
    </>
  )
}

function SettingsForm({ onDone }: { onDone(): void }) {
  const settings = useSettings((s) => s.settings)
  const error = useSettings((s) => s.error)
  const update = useSettings((s) => s.update)
  const [systemPrompt, setSystemPrompt] = useState(settings?.defaultSystemPrompt ?? '')

  return (
    <>
      <h2 id="settings-title">Settings</h2>
      <form
        className="settings-section"
        aria-labelledby="chats-title"
        onSubmit={async (event) => {
          event.preventDefault()
          await update({ defaultSystemPrompt: systemPrompt })
        }}
      >
        <h3 id="chats-title">Chats</h3>
        <SmallModelSelect />
        <label className="field">
          <span>Default system prompt</span>
          <textarea
            value={systemPrompt}
            maxLength={maxSystemPromptLength}
            rows={6}
            placeholder="Every new chat starts with this. Leave empty for none."
            onChange={(event) => setSystemPrompt(event.target.value)}
          />
        </label>
        <ErrorAlert error={error} />
        <div className="dialog-actions">
          <button type="submit" className="button button-primary">
            Save
          </button>
        </div>
      </form>
      <LocalApiSettings />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
      </div>
    </>
  )
}
