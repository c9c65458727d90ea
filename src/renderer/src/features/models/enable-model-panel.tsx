import { useEffect, useId, useRef } from 'react'
import type { Model } from '../../../../shared/contract.ts'
import { useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { MarkdownView } from '../../ui/markdown/markdown-view.tsx'

type EnableModelPanelProps = {
  model: Model
  /** The model is enabled and picked. */
  onEnabled(): void
  onCancel(): void
}

/**
 * Shows a model's policy terms (§6.1 `policy.terms`, markdown) before accepting them for the
 * account (§10.1); on success the model is picked. Errors stay here, next to the button.
 */
export function EnableModelPanel({ model, onEnabled, onCancel }: EnableModelPanelProps) {
  const enable = useModels((s) => s.enable)
  const enablingId = useModels((s) => s.enablingId)
  const actionError = useModels((s) => s.actionError)
  const accept = useRef<HTMLButtonElement>(null)
  const ids = useId()
  const terms = model.availability.state === 'needs_enable' ? model.availability.terms : undefined
  const busy = enablingId === model.id

  useEffect(() => accept.current?.focus(), [])

  return (
    <div className="model-enable" role="group" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="model-enable-title">
        Enable {model.name}
      </h2>
      <div id={`${ids}-terms`} className="model-enable-terms">
        {terms ? (
          <MarkdownView text={terms} />
        ) : (
          <p>Copilot asks you to turn this model on for your account before you use it.</p>
        )}
      </div>
      <ErrorAlert error={busy ? null : actionError} />
      <div className="model-enable-actions">
        <button
          ref={accept}
          type="button"
          className="button button-primary"
          aria-describedby={`${ids}-terms`}
          disabled={busy}
          onClick={async () => {
            if (await enable(model.id)) onEnabled()
          }}
        >
          {busy ? 'Enabling…' : 'Accept and enable'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
