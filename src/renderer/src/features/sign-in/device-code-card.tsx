import { useRef } from 'react'
import type { AuthState } from '../../../../shared/contract.ts'
import type { AppError } from '../../../../shared/errors.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { CopyButton } from '../../ui/copy-button.tsx'
import { formatRemaining, useNow } from './countdown.ts'
import { PollingNotice } from './polling-notice.tsx'

type DeviceCodeCardProps = Pick<
  Extract<AuthState, { kind: 'awaiting_user' }>,
  'userCode' | 'verificationUri' | 'expiresAt' | 'intervalMs' | 'polling'
> & {
  onCancel(): void
  cancelling: boolean
  /** Starts over with a fresh code once this one has run out. */
  onNewCode(): void
  starting: boolean
  error: AppError | null
}

function withoutScheme(uri: string): string {
  return uri.replace(/^https?:\/\//i, '').replace(/\/$/, '')
}

/** The code to type on GitHub, how to get there, how long it stays valid, and how polling goes. */
export function DeviceCodeCard(props: DeviceCodeCardProps) {
  const { userCode, verificationUri, expiresAt, intervalMs, polling } = props
  const { onCancel, cancelling, onNewCode, starting, error } = props
  const codeRef = useRef<HTMLElement>(null)
  const now = useNow()
  const remaining = expiresAt - now
  const isExpired = remaining <= 0
  const isWebAddress = /^https?:\/\//i.test(verificationUri)

  return (
    <section className="card device-code" aria-labelledby="device-code-heading">
      <h2 id="device-code-heading">Enter this code on GitHub</h2>
      <code className={isExpired ? 'user-code user-code-expired' : 'user-code'} ref={codeRef}>
        {userCode}
      </code>
      {isExpired ? null : (
        <>
          <div className="device-code-actions">
            <div className="copy-code">
              <CopyButton
                text={() => userCode}
                label="Copy code"
                shownIn={() => codeRef.current}
                className="button"
              />
            </div>
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
          <p className="countdown">{`Code expires in ${formatRemaining(remaining)}`}</p>
        </>
      )}
      {/* One live region whose sentence changes, so each change is announced. */}
      <p className="waiting" role="status" data-polling={isExpired ? 'expired' : polling}>
        {isExpired ? (
          'The code has expired.'
        ) : (
          <PollingNotice polling={polling} intervalMs={intervalMs} />
        )}
      </p>
      {isExpired ? (
        <button
          type="button"
          className="button button-primary"
          onClick={onNewCode}
          disabled={starting}
        >
          Get a new code
        </button>
      ) : null}
      <ErrorAlert error={error} />
      <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
        Cancel
      </button>
    </section>
  )
}
