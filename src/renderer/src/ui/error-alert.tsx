import type { AppError } from '../../../shared/errors.ts'

type ErrorAlertProps = {
  error: AppError | null
  /** Offers a Retry button beside the message that runs this. */
  onRetry?(): void
}

/** A failed request's message, written for people, next to the action that failed. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  if (!error) return null
  return (
    <div className="error-alert" role="alert">
      <span>{error.message}</span>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  )
}
