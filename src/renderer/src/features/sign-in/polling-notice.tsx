import type { AuthState } from '../../../../shared/contract.ts'
import { assertNever } from '../../../../shared/errors.ts'
import { Spinner } from '../../ui/spinner.tsx'

type Polling = Extract<AuthState, { kind: 'awaiting_user' }>['polling']

/** What LogAI is doing while the person approves on GitHub, in a sentence. */
export function describePolling(polling: Polling, intervalMs: number): string {
  switch (polling) {
    case 'waiting':
      return 'Waiting for you to approve on GitHub…'
    case 'slowed_down':
      return `GitHub asked LogAI to check less often (every ${Math.round(intervalMs / 1000)} s). Still waiting…`
    case 'reconnecting':
      return "Can't reach GitHub right now. Still trying — your approval will not be lost."
    default:
      return assertNever(polling)
  }
}

/** The polling line of the device-code card; never alarming, since nothing is lost yet. */
export function PollingNotice({ polling, intervalMs }: { polling: Polling; intervalMs: number }) {
  return (
    <>
      <Spinner /> {describePolling(polling, intervalMs)}
    </>
  )
}
