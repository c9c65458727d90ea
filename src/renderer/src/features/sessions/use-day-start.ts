import { useEffect, useState } from 'react'

function startOfToday(): number {
  const day = new Date()
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/**
 * Midnight today, local time, updated when the day changes: a window left open overnight moves
 * yesterday's "Today" sessions to "Yesterday" without waiting for the list to change.
 */
export function useDayStart(): number {
  const [dayStart, setDayStart] = useState(startOfToday)
  useEffect(() => {
    const tomorrow = new Date(dayStart)
    tomorrow.setDate(tomorrow.getDate() + 1)
    // A second late, so the new day has surely begun; timers can also fire a little early.
    const timer = setTimeout(
      () => setDayStart(startOfToday()),
      tomorrow.getTime() - Date.now() + 1000,
    )
    return () => clearTimeout(timer)
  }, [dayStart])
  return dayStart
}
