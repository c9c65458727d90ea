import { useMemo } from 'react'
import { useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { describeModel, groupByVendor } from './describe-model.ts'

/** The "Model" dropdown, with what the picked model supports and costs beside it. */
export function ModelPicker() {
  const status = useModels((s) => s.status)
  const models = useModels((s) => s.models)
  const selectedId = useModels((s) => s.selectedId)
  const loadError = useModels((s) => s.loadError)
  const selectError = useModels((s) => s.selectError)
  const load = useModels((s) => s.load)
  const select = useModels((s) => s.select)

  const groups = useMemo(() => groupByVendor(models), [models])
  const selected = models.find((m) => m.id === selectedId)

  if (status === 'failed') {
    return (
      <div className="model-picker">
        <ErrorAlert error={loadError} onRetry={() => void load()} />
      </div>
    )
  }

  const ready = status === 'ready' && models.length > 0
  return (
    <div className="model-picker">
      <select
        aria-label="Model"
        className="select"
        value={selectedId ?? ''}
        disabled={!ready}
        onChange={(event) => void select(event.target.value)}
      >
        {ready ? (
          groups.map((group) => (
            <optgroup key={group.vendor} label={group.vendor}>
              {group.models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.name}
                </option>
              ))}
            </optgroup>
          ))
        ) : (
          <option value="">{status === 'ready' ? 'No models available' : 'Loading models…'}</option>
        )}
      </select>
      {selected ? <p className="model-details">{describeModel(selected).join(' · ')}</p> : null}
      <ErrorAlert error={selectError} />
    </div>
  )
}
