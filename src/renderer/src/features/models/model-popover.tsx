import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Model } from '../../../../shared/contract.ts'
import { useModels } from '../../stores/models-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { EnableModelPanel } from './enable-model-panel.tsx'
import { ModelOption } from './model-option.tsx'
import { pickerRows, pickerSections, type PickerRow } from './picker-sections.ts'

type ModelPopoverProps = {
  /** Text typed on the closed button, already in the filter. */
  initialFilter: string
  /** Closes the list; `refocus` returns focus to the Model button. */
  onClose(refocus: boolean): void
}

/**
 * The model list, as the ARIA combobox pattern with a listbox popup: focus stays in the
 * "Filter models" box, Up/Down move the active option (`aria-activedescendant`), Enter picks
 * it, Escape closes. The picked model is the one with `aria-selected`. A model that needs
 * enabling opens its terms instead of being picked; a restricted one is `aria-disabled`.
 */
export function ModelPopover({ initialFilter, onClose }: ModelPopoverProps) {
  const models = useModels((s) => s.models)
  const selectedId = useModels((s) => s.selectedId)
  const favouriteIds = useModels((s) => s.favouriteIds)
  const recentIds = useModels((s) => s.recentIds)
  const actionError = useModels((s) => s.actionError)
  const select = useModels((s) => s.select)
  const toggleFavourite = useModels((s) => s.toggleFavourite)

  const [filter, setFilter] = useState(initialFilter)
  // The active row by key, so starring (which adds or removes a Favourites row) keeps it.
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const [enabling, setEnabling] = useState<Model | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const ids = useId()
  const listId = `${ids}-list`

  const sections = useMemo(
    () => pickerSections({ models, favouriteIds, recentIds }, filter),
    [models, favouriteIds, recentIds, filter],
  )
  const rows = useMemo(() => pickerRows(sections), [sections])
  const activeIndex = indexOfActive(rows, activeKey, filter ? null : selectedId)
  const optionId = (index: number) => `${ids}-option-${index}`
  const activeId = activeIndex >= 0 ? optionId(activeIndex) : undefined

  useEffect(() => {
    if (!enabling) input.current?.focus()
  }, [enabling])

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' })
  }, [activeId])

  const choose = (row: PickerRow | undefined) => {
    if (!row) return
    const { model } = row
    if (model.availability.state === 'needs_enable') setEnabling(model)
    if (model.availability.state !== 'ready') return
    void select(model.id)
    onClose(true)
  }

  const move = (step: number) => {
    if (rows.length === 0) return
    const next = Math.min(rows.length - 1, Math.max(0, activeIndex + step))
    setActiveKey(rows[next]?.key ?? null)
    input.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      // A dialog around the header (Settings) must not close as well.
      event.stopPropagation()
      onClose(true)
      return
    }
    if (enabling) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      move(event.key === 'ArrowDown' ? 1 : -1)
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault()
      choose(rows[activeIndex])
    } else if (
      event.target !== input.current &&
      event.key.length === 1 &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    ) {
      // Typing anywhere in the list filters it: the key lands in the box once it has focus.
      input.current?.focus()
    }
  }

  return (
    <div className="model-popover" role="dialog" aria-label="Choose a model" onKeyDown={onKeyDown}>
      {enabling ? (
        <EnableModelPanel
          model={enabling}
          onEnabled={() => onClose(true)}
          onCancel={() => setEnabling(null)}
        />
      ) : (
        <>
          <input
            ref={input}
            className="text-input text-input-compact"
            type="text"
            role="combobox"
            aria-label="Filter models"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId}
            placeholder="Filter models"
            autoComplete="off"
            spellCheck={false}
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value)
              setActiveKey(null)
            }}
          />
          <div className="model-list" id={listId} role="listbox" aria-label="Models">
            {sections.map((section, sectionIndex) => (
              <div
                key={section.key}
                className="model-group"
                role="group"
                // Ids by position: a vendor name may contain spaces, which aria-labelledby splits on.
                aria-labelledby={`${ids}-group-${sectionIndex}`}
              >
                <div
                  className="model-group-heading"
                  id={`${ids}-group-${sectionIndex}`}
                  role="presentation"
                >
                  {section.label}
                </div>
                {section.models.map((model) => {
                  const key = `${section.key}:${model.id}`
                  const index = rows.findIndex((row) => row.key === key)
                  const active = index === activeIndex
                  return (
                    <ModelOption
                      key={key}
                      model={model}
                      id={optionId(index)}
                      active={active}
                      selected={model.id === selectedId}
                      favourite={favouriteIds.includes(model.id)}
                      tabbable={active}
                      onChoose={() => choose(rows[index])}
                      onHover={() => setActiveKey(key)}
                      onToggleFavourite={() => void toggleFavourite(model.id)}
                      onEnable={() => setEnabling(model)}
                    />
                  )
                })}
              </div>
            ))}
          </div>
          <p className="model-list-status" role="status">
            {rows.length === 0 ? `No models match “${filter.trim()}”.` : ''}
          </p>
          <ErrorAlert error={actionError} />
        </>
      )}
    </div>
  )
}

/**
 * The active row: the one last moved to, else (unfiltered) the picked model's first row,
 * else the first row; -1 for an empty list.
 */
function indexOfActive(rows: PickerRow[], activeKey: string | null, selectedId: string | null) {
  if (rows.length === 0) return -1
  const byKey = rows.findIndex((row) => row.key === activeKey)
  if (byKey >= 0) return byKey
  return Math.max(
    0,
    rows.findIndex((row) => row.model.id === selectedId),
  )
}
