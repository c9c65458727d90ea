import { useId, useState, type FormEvent } from 'react'
import { useAuth } from '../../stores/auth-store.ts'

type EnterpriseFormProps = {
  /** The tenant tried last, to start from. */
  initialHost: string
  onBack(): void
}

/** Asks for a GitHub Enterprise Cloud tenant (`acme.ghe.com`) and signs in there. */
export function EnterpriseForm({ initialHost, onBack }: EnterpriseFormProps) {
  const [host, setHost] = useState(initialHost)
  const [isEmpty, setIsEmpty] = useState(false)
  const busy = useAuth((s) => s.busy)
  const actionError = useAuth((s) => s.actionError)
  const start = useAuth((s) => s.start)
  const headingId = useId()
  const inputId = useId()
  const errorId = useId()

  const error = isEmpty
    ? 'Enter your GitHub Enterprise domain, like acme.ghe.com.'
    : (actionError?.message ?? null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const enterpriseHost = host.trim()
    setIsEmpty(enterpriseHost === '')
    if (enterpriseHost) void start({ enterpriseHost })
  }

  return (
    <form className="card enterprise-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>GitHub Enterprise (ghe.com)</h2>
      <p className="hint">
        For GitHub Enterprise Cloud with data residency: your company’s domain.
      </p>
      <label className="field-label" htmlFor={inputId}>
        Enterprise domain
      </label>
      <input
        id={inputId}
        className="text-input"
        type="text"
        inputMode="url"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="acme.ghe.com"
        value={host}
        onChange={(event) => setHost(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        // The form opened because the person asked for it; the field is the next thing to do.
        autoFocus
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy === 'start'}>
          Sign in to GitHub Enterprise
        </button>
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  )
}
