import { useNotices } from '../stores/notices-store.ts'

/** A config.json LogAI could not use: what is wrong, and that the defaults are in use. */
export function ConfigProblemBanner() {
  const problem = useNotices((s) => s.configProblem)
  const dismiss = useNotices((s) => s.dismissConfigProblem)
  if (!problem) return null
  return (
    <div className="banner banner-warning" role="alert">
      <p>LogAI could not use its settings file. {problem}</p>
      <button type="button" className="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  )
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
