import { useId, useState } from 'react'
import { useApi } from '../../stores/api-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { CopyButton } from '../../ui/copy-button.tsx'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { RequestLog } from './request-log.tsx'
import { setupSnippets } from './setup-snippets.ts'

/** Settings → Local API: off by default; switch, port, key, state, setup and the request log. */
export function LocalApiSettings() {
  const status = useApi((s) => s.status)
  const busy = useApi((s) => s.busy)
  const error = useApi((s) => s.error)
  const update = useApi((s) => s.update)
  const regenerateKey = useApi((s) => s.regenerateKey)
  const modelId = useModels((s) => s.selectedId) ?? 'gpt-4.1'
  const [showKey, setShowKey] = useState(false)

  if (!status) return <ErrorAlert error={error} />

  return (
    <section className="settings-section" aria-labelledby="local-api-title">
      <h3 id="local-api-title">Local API</h3>
      <p className="hint">
        Lets other tools on this computer (Claude Code, scripts using the OpenAI SDK) use your
        Copilot sign-in through an OpenAI- and Anthropic-compatible API. It listens on this computer
        only and needs the key below. Their requests count against your Copilot quota.
      </p>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={status.enabled}
          disabled={busy}
          onChange={(event) => void update({ enabled: event.target.checked })}
        />
        <span>Local API server</span>
      </label>
      {/* Keyed by the port in use, so the field starts from it again after every change. */}
      <PortForm
        key={status.port}
        port={status.port}
        busy={busy}
        onUse={(port) => void update({ port })}
      />
      <p role="status">
        {status.url ? `Running at ${status.url}` : status.enabled ? 'Not running' : 'Off'}
      </p>
      {status.problem ? (
        <p className="field-error" role="alert">
          {status.problem}
        </p>
      ) : null}
      <ErrorAlert error={error} />
      <div className="inline-form">
        <label>
          API key{' '}
          <input
            className="text-input key-input"
            readOnly
            type={showKey ? 'text' : 'password'}
            value={status.apiKey}
          />
        </label>
        <button
          type="button"
          className="button button-small"
          aria-pressed={showKey}
          onClick={() => setShowKey(!showKey)}
        >
          Show key
        </button>
        <CopyButton text={() => status.apiKey} label="Copy API key" />
        <button
          type="button"
          className="button button-small"
          disabled={busy || status.keySource === 'environment'}
          onClick={() => void regenerateKey()}
        >
          Regenerate key
        </button>
      </div>
      {status.keySource === 'memory' ? (
        <p className="hint">
          No keychain is available, so this key lasts until LogAI quits; tools need the new one
          after a restart.
        </p>
      ) : status.keySource === 'environment' ? (
        <p className="hint">This key comes from LOGAI_API_KEY.</p>
      ) : null}
      {status.url ? (
        <div className="setup-snippets">
          <h4>Set up a tool</h4>
          {setupSnippets(status.url, status.apiKey, modelId).map((snippet) => (
            <figure key={snippet.tool} className="setup-snippet">
              <figcaption>
                {snippet.tool}{' '}
                <CopyButton text={() => snippet.code} label={`Copy ${snippet.tool} setup`} />
              </figcaption>
              <pre>
                <code>{snippet.code}</code>
              </pre>
            </figure>
          ))}
        </div>
      ) : null}
      <RequestLog />
    </section>
  )
}

/** The port field: a whole number from 1 to 65535, used on "Use port" or Enter. */
function PortForm(props: { port: number; busy: boolean; onUse(port: number): void }) {
  const [port, setPort] = useState(String(props.port))
  const portId = useId()
  const portNumber = Number(port)
  const portValid = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65_535
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (portValid) props.onUse(portNumber)
      }}
    >
      <label htmlFor={portId}>Port</label>
      <input
        id={portId}
        className="text-input port-input"
        inputMode="numeric"
        value={port}
        aria-invalid={portValid ? undefined : true}
        onChange={(event) => setPort(event.target.value)}
      />
      <button
        type="submit"
        className="button button-small"
        disabled={props.busy || !portValid || portNumber === props.port}
      >
        Use port
      </button>
    </form>
  )
}
