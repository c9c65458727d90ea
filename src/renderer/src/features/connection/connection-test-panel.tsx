import { useEffect, useId, useRef, type KeyboardEvent, type Ref, type RefObject } from 'react'
import type { ConnectionStep } from '../../../../shared/contract.ts'
import { useConnectionTest } from '../../stores/connection-test-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import {
  stepLabel,
  stepVerdict,
  summarizeSteps,
  type StepVerdict,
} from './describe-connection-step.ts'

type TestConnectionButtonProps = {
  ref?: Ref<HTMLButtonElement>
  className: string
}

/** Runs `network:test`; its result shows in the `ConnectionTestPanel` placed near it. */
export function TestConnectionButton({ ref, className }: TestConnectionButtonProps) {
  const run = useConnectionTest((s) => s.run)
  return (
    <button ref={ref} type="button" className={className} onClick={() => void run()}>
      Test connection
    </button>
  )
}

type ConnectionTestPanelProps = {
  /** The button that opened the panel; focus goes back to it on Close. */
  returnFocusTo: RefObject<HTMLButtonElement | null>
}

/** Which service LogAI could reach and, for each one it could not, why and what to do. */
export function ConnectionTestPanel({ returnFocusTo }: ConnectionTestPanelProps) {
  const isOpen = useConnectionTest((s) => s.status !== 'idle')
  return isOpen ? <ConnectionTestResult returnFocusTo={returnFocusTo} /> : null
}

const icons: Record<StepVerdict, string> = { OK: '✓', Failed: '✕', Skipped: '–' }

function ConnectionTestResult({ returnFocusTo }: ConnectionTestPanelProps) {
  const status = useConnectionTest((s) => s.status)
  const steps = useConnectionTest((s) => s.steps)
  const error = useConnectionTest((s) => s.error)
  const run = useConnectionTest((s) => s.run)
  const close = useConnectionTest((s) => s.close)
  const panel = useRef<HTMLElement>(null)
  const headingId = useId()

  // Opened from a button: the keyboard follows, so Escape and Close are right there.
  useEffect(() => {
    panel.current?.focus()
  }, [])

  const dismiss = () => {
    close()
    returnFocusTo.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    dismiss()
  }

  return (
    <section
      ref={panel}
      className="connection-test"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="connection-test-header">
        <h2 id={headingId}>Connection test</h2>
        <button type="button" className="button button-small" onClick={dismiss}>
          Close
        </button>
      </div>
      <p className="connection-test-status" role="status">
        {status === 'running' ? (
          <>
            <Spinner /> Testing the connection…
          </>
        ) : status === 'done' ? (
          summarizeSteps(steps)
        ) : null}
      </p>
      {status === 'failed' ? <ErrorAlert error={error} onRetry={() => void run()} /> : null}
      {status === 'done' ? (
        <ul className="connection-steps">
          {steps.map((step) => (
            <StepItem key={step.step} step={step} />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

function StepItem({ step }: { step: ConnectionStep }) {
  const verdict = stepVerdict(step.outcome)
  return (
    <li className="connection-step" data-verdict={verdict}>
      <div className="connection-step-head">
        <span className="connection-step-label">{stepLabel(step.step)}</span>
        <span className="connection-step-verdict">
          <span aria-hidden="true">{icons[verdict]}</span>
          <span>{verdict}</span>
        </span>
      </div>
      <p className="connection-step-url">{step.url}</p>
      <p className="connection-step-message">{step.message}</p>
    </li>
  )
}
