/** What every history benchmark returns: the goal in words, whether it was met, the figures. */
export type HistoryResult = {
  goal: string
  met: boolean
  figures: Record<string, unknown>
}
