import { useNotices } from '../stores/notices-store.ts'

/** A warning about how LogAI started, shown until the person dismisses it. */
function DismissibleWarning({ text, onDismiss }: { text: string; onDismiss(): void }) {
  return (
    <div className="banner banner-warning" role="alert">
      <p>{text}</p>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}

/** A config.json LogAI could not use: what is wrong, and that the defaults are in use. */
export function ConfigProblemBanner() {
  const problem = useNotices((s) => s.configProblem)
  const dismiss = useNotices((s) => s.dismissConfigProblem)
  if (!problem) return null
  return (
    <DismissibleWarning
      text={`LogAI could not use its settings file. ${problem}`}
      onDismiss={dismiss}
    />
  )
}

/**
 * A history file LogAI could not use at start: where a damaged one was moved, or why this run
 * keeps its history in memory only. The core words it; the person must see it (issue 5 §2).
 */
export function StorageProblemBanner() {
  const problem = useNotices((s) => s.storageProblem)
  const dismiss = useNotices((s) => s.dismissStorageProblem)
  if (!problem) return null
  return <DismissibleWarning text={problem} onDismiss={dismiss} />
}

/** Shown for good once the core is unreachable; the rest of the window stays as it was. */
export function ConnectionBanner() {
  const lost = useNotices((s) => s.connectionLost)
  const hint = useNotices((s) => s.connectionHint)
  if (!lost) return null
  return (
    <div className="banner banner-error" role="alert">
      <p>
        Lost the connection to LogAI. Reload to reconnect.
        {hint ? <span className="banner-hint"> {hint}</span> : null}
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  )
}
