/** Runs a callback before the next paint; tests pass one they can step by hand. */
export type ScheduleFrame = (callback: () => void) => void

/** Holds the newest of a stream of values and lets at most one through per animation frame. */
export type FrameGate<T> = {
  /** What the page should show now. */
  shown(): T
  subscribe(listener: () => void): () => void
  /** A new value while streaming: shown at once if nothing was shown this frame, else held. */
  offer(value: T): void
  /** The stream has ended: this value is what is shown, with no waiting. */
  settle(value: T): void
}

/**
 * `drawn`: something was shown since the last frame began, so this frame has had its update.
 * `ticking`: updates are being released from frame callbacks, one per frame, until none is held.
 */
type Phase = 'idle' | 'drawn' | 'ticking'

export function createFrameGate<T>(initial: T, scheduleFrame: ScheduleFrame): FrameGate<T> {
  let shown = initial
  let latest = initial
  let phase: Phase = 'idle'
  let scheduled = false
  const listeners = new Set<() => void>()

  const show = (value: T) => {
    shown = value
    for (const listener of [...listeners]) listener()
  }

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    scheduleFrame(frame)
  }

  // The frame begins: whatever was shown before it is what this frame paints.
  function frame() {
    scheduled = false
    if (phase === 'idle') return
    if (latest === shown) {
      phase = 'idle'
    } else if (phase === 'drawn') {
      // This frame already paints the update shown just before it: the held one waits a frame.
      phase = 'ticking'
      schedule()
    } else {
      show(latest)
      schedule()
    }
  }

  return {
    shown: () => shown,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    offer(value) {
      latest = value
      if (phase !== 'idle' || value === shown) return
      phase = 'drawn'
      show(value)
      schedule()
    },
    settle(value) {
      latest = value
      shown = value
      phase = 'idle'
    },
  }
}
