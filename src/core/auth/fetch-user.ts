import { z } from 'zod'
import { AppFailure } from '../../shared/errors.ts'
import { fetchOrFail, readJson, upstreamError } from '../http.ts'
import type { HttpFetch } from '../ports.ts'
import { githubApiHeaders, type ClientProfile } from './client-profile.ts'

const userSchema = z.object({ login: z.string().min(1) })

/** The signed-in GitHub account's login (`GET /user`). */
export async function fetchUserLogin(
  fetch: HttpFetch,
  githubApiUrl: string,
  githubToken: string,
  profile: ClientProfile,
  signal?: AbortSignal,
): Promise<string> {
  const response = await fetchOrFail(
    fetch,
    `${githubApiUrl}/user`,
    {
      headers: githubApiHeaders(githubToken, profile),
      ...(signal ? { signal } : {}),
    },
    'GitHub',
  )
  if (response.status === 401) {
    throw new AppFailure({ kind: 'unauthorized', message: 'GitHub did not accept the sign-in.' })
  }
  const parsed = userSchema.safeParse(await readJson(response))
  if (!response.ok || !parsed.success) {
    throw new AppFailure(
      upstreamError(response, `GitHub did not say who you are (HTTP ${response.status}).`),
    )
  }
  return parsed.data.login
}
