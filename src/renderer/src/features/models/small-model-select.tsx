import { useMemo } from 'react'
import { useModels } from '../../stores/models-store.ts'
import { describePrice, groupByVendor } from './describe-model.ts'

/**
 * "Model for titles": the model that names conversations (config `smallModel` until one is
 * picked here). Only models the account can use now are offered; a configured model the picker
 * does not list is shown by its id.
 */
export function SmallModelSelect() {
  const status = useModels((s) => s.status)
  const models = useModels((s) => s.models)
  const smallModelId = useModels((s) => s.smallModelId)
  const selectSmall = useModels((s) => s.selectSmall)

  const groups = useMemo(
    () => groupByVendor(models.filter((m) => m.availability.state === 'ready')),
    [models],
  )
  const listed = groups.some((group) => group.models.some((m) => m.id === smallModelId))

  return (
    <select
      aria-label="Model for titles"
      className="select"
      value={smallModelId ?? ''}
      disabled={status !== 'ready' || groups.length === 0}
      onChange={(event) => void selectSmall(event.target.value)}
    >
      {smallModelId === null ? (
        <option value="" disabled>
          {status === 'ready' ? 'Choose a model' : 'Loading models…'}
        </option>
      ) : null}
      {smallModelId !== null && !listed ? (
        <option value={smallModelId}>{smallModelId}</option>
      ) : null}
      {groups.map((group) => (
        <optgroup key={group.vendor} label={group.vendor}>
          {group.models.map((model) => (
            <option key={model.id} value={model.id}>
              {[model.name, ...describePrice(model).slice(0, 1)].join(' · ')}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  )
}
