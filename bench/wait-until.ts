/** Polls `check` every `everyMs` until it returns a value; throws `describe()` on timeout. */
export async function waitUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs: number; everyMs?: number; describe: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(options.describe())
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 100))
  }
}
