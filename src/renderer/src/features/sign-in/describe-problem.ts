import { assertNever, type AppError } from '../../../../shared/errors.ts'

/** The one thing to do next after a sign-in ended badly. */
export type ProblemAction = 'new_code' | 'try_again' | 'another_account' | 'sign_in'

/** How the sign-in screen presents why the last sign-in ended. */
export type SignInProblem = {
  title: string
  action: ProblemAction
  /** The label of the button that does `action`. */
  actionLabel: string
}

const labels: Record<ProblemAction, string> = {
  new_code: 'Get a new code',
  try_again: 'Try again',
  another_account: 'Sign in with another account',
  sign_in: 'Sign in with GitHub',
}

const problem = (title: string, action: ProblemAction): SignInProblem => ({
  title,
  action,
  actionLabel: labels[action],
})

/** The heading and next step for a sign-in error; null when there is nothing to explain. */
export function describeProblem(error: AppError | null | undefined): SignInProblem | null {
  if (!error) return null
  switch (error.kind) {
    case 'cancelled':
      return null
    case 'device_code_expired':
      return problem('The code expired', 'new_code')
    case 'access_denied':
      return problem('You declined on GitHub', 'try_again')
    case 'no_copilot_access':
      return problem('No Copilot access', 'another_account')
    case 'unauthorized':
      return problem('Sign in again', 'sign_in')
    case 'network':
      return problem("Can't reach GitHub", 'try_again')
    case 'rate_limited':
    case 'keychain_unavailable':
    case 'model_unavailable':
    case 'quota_exhausted':
    case 'context_too_long':
    case 'upstream':
    case 'invalid_input':
    case 'internal':
      return problem("Sign-in didn't finish", 'try_again')
    default:
      return assertNever(error)
  }
}

/** The link to GitHub's plans, only when it is an https address. */
export function safePlansUrl(error: AppError): string | null {
  if (error.kind !== 'no_copilot_access' || !error.url) return null
  try {
    return new URL(error.url).protocol === 'https:' ? error.url : null
  } catch {
    return null
  }
}
