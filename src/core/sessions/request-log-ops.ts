import type { DatabaseSync } from 'node:sqlite'
import type { RequestLogEntry } from '../api-server/request-log.ts'
import type { RequestDayTotals } from './session-store.ts'
import type { StoreOps } from './store-protocol.ts'

type RequestLogOps = Pick<StoreOps, 'appendRequestLog' | 'recentRequests' | 'requestTotalsByDay'>

type RequestRow = {
  at: number
  duration_ms: number
  client: string
  endpoint: string
  model: string | null
  upstream: string | null
  stream: number
  status: number
  input_tokens: number | null
  output_tokens: number | null
  error: string | null
}

/** `YYYY-MM-DD` of `at` in local time, as SQLite's `date(…, 'localtime')` gives it. */
function localDay(at: number): string {
  const date = new Date(at)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The local API's request log (issue 6 §4): one row per request, totals per local day. */
export function createRequestLogOps(db: DatabaseSync): RequestLogOps {
  const statements = {
    append: db.prepare(
      `INSERT INTO request_log (at, duration_ms, client, endpoint, model, upstream, stream, status,
                                input_tokens, output_tokens, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    recent: db.prepare(
      `SELECT at, duration_ms, client, endpoint, model, upstream, stream, status, input_tokens,
              output_tokens, error
       FROM request_log ORDER BY at DESC, n DESC LIMIT ?`,
    ),
    byDay: db.prepare(
      `SELECT date(at / 1000, 'unixepoch', 'localtime') AS day, count(*) AS requests,
              total(input_tokens) AS input_tokens, total(output_tokens) AS output_tokens,
              sum(status >= 400 OR error IS NOT NULL) AS errors
       FROM request_log WHERE at >= ? AND at < ? GROUP BY day`,
    ),
  }

  return {
    appendRequestLog(entry) {
      statements.append.run(
        entry.at,
        Math.round(entry.durationMs),
        entry.client,
        entry.endpoint,
        entry.model,
        entry.upstream,
        entry.stream ? 1 : 0,
        entry.status,
        entry.inputTokens,
        entry.outputTokens,
        entry.error ?? null,
      )
    },
    recentRequests(limit = 100) {
      return (statements.recent.all(limit) as RequestRow[]).map((row): RequestLogEntry => ({
        at: row.at,
        durationMs: row.duration_ms,
        client: row.client,
        endpoint: row.endpoint,
        model: row.model,
        upstream: row.upstream,
        stream: row.stream !== 0,
        status: row.status,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        ...(row.error !== null ? { error: row.error } : {}),
      }))
    },
    requestTotalsByDay(days, now) {
      // Local midnights, stepped by calendar day so a daylight-saving change does not skew them.
      const today = new Date(now)
      const starts = Array.from({ length: days }, (_, index) =>
        new Date(
          today.getFullYear(),
          today.getMonth(),
          today.getDate() - (days - 1 - index),
        ).getTime(),
      )
      const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime()
      const rows = statements.byDay.all(starts[0] ?? end, end) as {
        day: string
        requests: number
        input_tokens: number
        output_tokens: number
        errors: number
      }[]
      const found = new Map(rows.map((row) => [row.day, row]))
      return starts.map((start): RequestDayTotals => {
        const day = localDay(start)
        const row = found.get(day)
        return {
          day,
          requests: row?.requests ?? 0,
          inputTokens: row?.input_tokens ?? 0,
          outputTokens: row?.output_tokens ?? 0,
          errors: row?.errors ?? 0,
        }
      })
    },
  }
}
