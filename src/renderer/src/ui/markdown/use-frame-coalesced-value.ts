import { useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { createFrameGate, type ScheduleFrame } from './frame-gate.ts'

const nextAnimationFrame: ScheduleFrame = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback())
  else setTimeout(callback, 16)
}

/**
 * While `live`, returns `value` at most once per animation frame: the first change in a frame
 * at once (no added latency when changes come a frame apart, as the chat store sends them), any
 * further ones in the same frame held and the newest shown in the next. When `live` ends, returns
 * the value at once. `scheduleFrame` is read once, on mount.
 */
export function useFrameCoalescedValue<T>(
  value: T,
  live: boolean,
  scheduleFrame: ScheduleFrame = nextAnimationFrame,
): T {
  const [gate] = useState(() => createFrameGate(value, scheduleFrame))
  const shown = useSyncExternalStore(gate.subscribe, gate.shown)
  // A layout effect, so a value let through at once is drawn before the browser paints.
  useLayoutEffect(() => {
    if (live) gate.offer(value)
    else gate.settle(value)
  }, [gate, value, live])
  return live ? shown : value
}
