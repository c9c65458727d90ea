/** Deltas are applied when the test says so, not on a real animation frame. */
export function createManualFrames() {
  const queue: Array<() => void> = []
  return {
    scheduleFrame: (callback: () => void) => void queue.push(callback),
    run() {
      for (const callback of queue.splice(0)) callback()
    },
  }
}
