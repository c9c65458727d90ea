import { useId, useState } from 'react'
import { maxSystemPromptLength } from '../../../../shared/limits.ts'
import { useChat } from '../../stores/chat-store.ts'

/**
 * The open conversation's system prompt, behind a disclosure button in the chat header. A new
 * chat starts with the app-wide default from Settings; changing it here changes this chat only.
 */
export function SystemPromptEditor() {
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState('')
  const panelId = useId()
  const systemPrompt = useChat((s) => s.systemPrompt)
  const setSystemPrompt = useChat((s) => s.setSystemPrompt)

  const toggle = () => {
    if (!open) setDraft(systemPrompt)
    setOpen(!open)
  }

  return (
    <div className="system-prompt">
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        System prompt{systemPrompt.trim() ? ' (set)' : ''}
      </button>
      {open ? (
        <form
          id={panelId}
          className="system-prompt-panel"
          onSubmit={async (event) => {
            event.preventDefault()
            if (await setSystemPrompt(draft)) setOpen(false)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false)
          }}
        >
          <label className="field">
            <span>System prompt for this chat</span>
            <textarea
              value={draft}
              maxLength={maxSystemPromptLength}
              rows={5}
              placeholder="For example: answer briefly, in British English."
              onChange={(event) => setDraft(event.target.value)}
            />
          </label>
          <div className="message-actions">
            <button type="submit" className="button button-primary button-small">
              Save
            </button>
            <button type="button" className="button button-small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  )
}
