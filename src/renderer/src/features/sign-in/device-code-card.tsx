import { useRef } from 'react'
import type { AppError } from '../../../../shared/errors.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import { CopyCodeButton } from './copy-code-button.tsx'
import { formatRemaining, useNow } from './countdown.ts'

type DeviceCodeCardProps = {
  userCode: string
  verificationUri: string
  expiresAt: number
  onCancel(): void
  cancelling: boolean
  error: AppError | null
}

function withoutScheme(uri: string): string {
  return uri.replace(/^https?:\/\//i, '').replace(/\/$/, '')
}

/** The code to type on GitHub, how to get there, and how long it stays valid. */
export function DeviceCodeCard(props: DeviceCodeCardProps) {
  const { userCode, verificationUri, expiresAt, onCancel, cancelling, error } = props
  const codeRef = useRef<HTMLElement>(null)
  const now = useNow()
  const remaining = expiresAt - now
  const isWebAddress = /^https?:\/\//i.test(verificationUri)

  return (
    <section className="card device-code" aria-labelledby="device-code-heading">
      <h2 id="device-code-heading">Enter this code on GitHub</h2>
      <code className="user-code" ref={codeRef}>
        {userCode}
      </code>
      <div className="device-code-actions">
        <CopyCodeButton code={userCode} codeRef={codeRef} />
        {isWebAddress ? (
          <a
            className="button button-primary"
            href={verificationUri}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open GitHub <span className="link-address">{withoutScheme(verificationUri)}</span>
          </a>
        ) : null}
      </div>
      <p className="countdown">
        {remaining > 0 ? `Code expires in ${formatRemaining(remaining)}` : 'The code has expired.'}
      </p>
      <p className="waiting" role="status">
        <Spinner /> Waiting for you to approve on GitHub…
      </p>
      <ErrorAlert error={error} />
      <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
        Cancel
      </button>
    </section>
  )
}
