/**
 * Resolves once the renderer has nothing more urgent to do (or after `timeoutMs` of being busy),
 * so background work (later pages, the prompt history, warming a lazy chunk) never delays a paint
 * or a keystroke.
 */
export function whenIdle(timeoutMs = 200): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => resolve(), { timeout: timeoutMs })
    } else setTimeout(resolve, 0)
  })
}
