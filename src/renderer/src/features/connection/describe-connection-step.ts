import type { ConnectionStep } from '../../../../shared/contract.ts'
import { assertNever } from '../../../../shared/errors.ts'

/** How a step ended, in the words shown beside it. */
export type StepVerdict = 'OK' | 'Failed' | 'Skipped'

/** The service a step tried, as people know it. */
export function stepLabel(step: ConnectionStep['step']): string {
  switch (step) {
    case 'github':
      return 'GitHub sign-in'
    case 'github_api':
      return 'GitHub API'
    case 'copilot':
      return 'Copilot API'
    default:
      return assertNever(step)
  }
}

/** Every way a step can fail reads as "Failed"; its message says which way and the fix. */
export function stepVerdict(outcome: ConnectionStep['outcome']): StepVerdict {
  switch (outcome) {
    case 'ok':
      return 'OK'
    case 'skipped':
      return 'Skipped'
    case 'dns':
    case 'connect':
    case 'tls':
    case 'proxy':
    case 'timeout':
    case 'http':
      return 'Failed'
    default:
      return assertNever(outcome)
  }
}

/** One line for the live region once a test has finished. */
export function summarizeSteps(steps: ConnectionStep[]): string {
  const failed = steps
    .filter((s) => stepVerdict(s.outcome) === 'Failed')
    .map((s) => stepLabel(s.step))
  if (failed.length === 0) return 'No problems found.'
  const names =
    failed.length === 1 ? failed[0] : `${failed.slice(0, -1).join(', ')} and ${failed.at(-1)}`
  return `${names} failed.`
}
