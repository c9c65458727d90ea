import type { ReactNode } from 'react'
import type { AppError } from '../../../shared/errors.ts'

type ErrorAlertProps = {
  error: AppError | null
  /** Extra controls next to the message, such as a Retry button. */
  children?: ReactNode
}

/** A failed request's message, written for people, next to the action that failed. */
export function ErrorAlert({ error, children }: ErrorAlertProps) {
  if (!error) return null
  return (
    <div className="error-alert" role="alert">
      <span>{error.message}</span>
      {children}
    </div>
  )
}
