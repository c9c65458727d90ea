import { useEffect } from 'react'
import type { ApiRequest } from '../../../../shared/contract.ts'
import { useApi } from '../../stores/api-store.ts'

const count = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'))
const time = (at: number) => new Date(at).toLocaleString()

function tokens(request: ApiRequest): string {
  return `${count(request.inputTokens)} in · ${count(request.outputTokens)} out`
}

/** The local API's recent requests and totals per day (issue 6 §4). */
export function RequestLog() {
  const recent = useApi((s) => s.recent)
  const days = useApi((s) => s.days)
  const loadRequests = useApi((s) => s.loadRequests)

  useEffect(() => {
    void loadRequests()
  }, [loadRequests])

  return (
    <div className="request-log">
      <h4>Requests per day</h4>
      {days.length === 0 ? (
        <p className="hint">No requests yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Local API requests per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                <td>{count(day.requests)}</td>
                <td>{count(day.inputTokens)}</td>
                <td>{count(day.outputTokens)}</td>
                <td>{count(day.errors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Recent requests</h4>
      {recent.length === 0 ? null : (
        <table>
          <caption className="visually-hidden">Recent local API requests</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Client</th>
              <th scope="col">Model</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Tokens</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((request, index) => (
              <tr key={`${request.at}-${index}`}>
                <td>{time(request.at)}</td>
                <td className="request-client">{request.client}</td>
                <td>{request.model ?? '—'}</td>
                <td>{request.endpoint}</td>
                <td>{tokens(request)}</td>
                <td title={request.error}>{request.status}</td>
                <td>{`${Math.round(request.durationMs).toLocaleString('en-US')} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
