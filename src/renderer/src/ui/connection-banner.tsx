import { useNotices } from '../stores/notices-store.ts'

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
