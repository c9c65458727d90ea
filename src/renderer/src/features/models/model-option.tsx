import { Fragment, type ReactNode } from 'react'
import type { Model } from '../../../../shared/contract.ts'
import { CapabilityIcons } from './capability-icons.tsx'
import { describeAvailability, describePrice, formatTokens } from './describe-model.ts'

type ModelOptionProps = {
  model: Model
  /** The option's element id, for `aria-activedescendant`. */
  id: string
  active: boolean
  /** The picked model (`aria-selected`). */
  selected: boolean
  favourite: boolean
  /** Only the active row's buttons are in the Tab order; the rest are reached by the arrows. */
  tabbable: boolean
  onChoose(): void
  onHover(): void
  onToggleFavourite(): void
  onEnable(): void
}

/** Facts separated by " · ", so they read as a list, not one run-on word. */
function joined(parts: ReactNode[]): ReactNode[] {
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? ' · ' : null}
      {part}
    </Fragment>
  ))
}

/**
 * One model of the list: the option itself (name, then what it supports and costs as its
 * description) and, beside it rather than inside it — an option's content is presentational to
 * assistive technology — its star toggle and, when the policy must be accepted, "Enable".
 */
export function ModelOption(props: ModelOptionProps) {
  const { model, id, active, selected, favourite, tabbable } = props
  const state = model.availability.state
  const unavailable = describeAvailability(model)
  const hasCapabilities = model.supportsVision || model.supportsTools || model.supportsReasoning
  const facts: ReactNode[] = [
    ...(model.preview ? [<span className="model-badge">Preview</span>] : []),
    ...(hasCapabilities ? [<CapabilityIcons model={model} />] : []),
    ...(model.contextWindow ? [`${formatTokens(model.contextWindow)} context`] : []),
    ...describePrice(model),
    ...(unavailable ? [<span className="model-availability">{unavailable}</span>] : []),
  ]
  const classes = ['model-row', active ? 'is-active' : '', state !== 'ready' ? `is-${state}` : '']
  return (
    <div className={classes.filter(Boolean).join(' ')} role="presentation">
      <div
        role="option"
        id={id}
        className="model-option"
        aria-selected={selected}
        aria-disabled={state === 'restricted' ? true : undefined}
        aria-labelledby={`${id}-name`}
        aria-describedby={`${id}-facts`}
        // Focus stays in the filter, so the arrow keys keep working after a click.
        onMouseDown={(event) => event.preventDefault()}
        onMouseMove={active ? undefined : props.onHover}
        onClick={props.onChoose}
      >
        <span className="model-option-check" aria-hidden="true">
          {selected ? '✓' : ''}
        </span>
        <span className="model-option-text">
          <span id={`${id}-name`} className="model-option-name">
            {model.name}
          </span>
          <span id={`${id}-facts`} className="model-option-facts">
            {joined(facts)}
          </span>
        </span>
      </div>
      {state === 'needs_enable' ? (
        <button
          type="button"
          className="button button-small model-enable-button"
          aria-label={`Enable ${model.name}`}
          tabIndex={tabbable ? 0 : -1}
          onClick={props.onEnable}
        >
          Enable
        </button>
      ) : null}
      <button
        type="button"
        className={favourite ? 'model-star is-on' : 'model-star'}
        aria-label={
          favourite ? `Remove ${model.name} from favourites` : `Add ${model.name} to favourites`
        }
        tabIndex={tabbable ? 0 : -1}
        onClick={props.onToggleFavourite}
      >
        <span aria-hidden="true">{favourite ? '★' : '☆'}</span>
      </button>
    </div>
  )
}
