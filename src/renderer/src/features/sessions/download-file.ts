import type { ExportFile } from '../../../../shared/contract.ts'

/**
 * Hands an exported file to the browser's (or Electron's) download handling: a Blob behind a
 * temporary `<a download>`. The object URL is revoked on the next task, once the click has
 * started the download, so a large export does not stay in memory.
 */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
