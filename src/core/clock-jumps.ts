/**
 * Calls `onJump` when wall-clock time moves much further than the time that really passed: the
 * computer slept, or its clock was set. The web host's stand-in for Electron's `powerMonitor`.
 */
export function watchClockJumps(
  onJump: () => void,
  options: { now?: () => number; intervalMs?: number; toleranceMs?: number } = {},
): () => void {
  const now = options.now ?? Date.now
  const intervalMs = options.intervalMs ?? 10_000
  const toleranceMs = options.toleranceMs ?? 60_000
  let last = now()
  const timer = setInterval(() => {
    const current = now()
    if (Math.abs(current - last - intervalMs) > toleranceMs) onJump()
    last = current
  }, intervalMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
