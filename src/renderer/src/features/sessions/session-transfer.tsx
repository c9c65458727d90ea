import { useState } from 'react'
import { useSessions } from '../../stores/sessions-store.ts'
import { downloadFile } from './download-file.ts'
import { pickFile } from './pick-file.ts'

// `sessions:import` takes at most this much text; a bigger file is refused before reading it.
const maxImportBytes = 512 * 1024 * 1024

/**
 * "Export all" downloads every session as one JSON file; "Import" reads such a file back (the
 * core skips sessions already present). The counts or the error show in the sidebar's notice.
 */
export function SessionTransfer() {
  const exportAll = useSessions((s) => s.exportAll)
  const importSessions = useSessions((s) => s.importSessions)
  const showActionError = useSessions((s) => s.showActionError)
  // One error at a time, where the core's show: a file refused here replaces the last one.
  const refuse = (message: string) => showActionError({ kind: 'invalid_input', message })
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await work()
    } finally {
      setBusy(false)
    }
  }

  const importFile = async (file: File) => {
    if (file.size > maxImportBytes) {
      refuse(`“${file.name}” is larger than 512 MB, too large to import.`)
      return
    }
    let content: string
    try {
      content = await file.text()
    } catch {
      refuse(`“${file.name}” could not be read.`)
      return
    }
    if (!content.trim()) {
      refuse(`“${file.name}” is empty.`)
      return
    }
    await importSessions(content)
  }

  return (
    <div className="session-transfer">
      <div className="session-transfer-actions">
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const file = await exportAll()
              if (file) downloadFile(file)
            })
          }
        >
          Export all
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() =>
            void pickFile('.json,application/json').then((file) => {
              if (file) void run(() => importFile(file))
            })
          }
        >
          Import
        </button>
      </div>
    </div>
  )
}
