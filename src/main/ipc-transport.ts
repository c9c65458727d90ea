import { ipcMain, type IpcMainEvent, type WebContents } from 'electron'
import { ipcFrameChannel } from '../shared/channel-names.ts'
import { readFrame, type Transport } from '../shared/frames.ts'

/**
 * The main-process end of the preload bridge for one window. Frames are accepted only from that
 * window's own main frame, showing a page of the app's own `app://` origin (architecture.md: IPC sender checked).
 */
export function createIpcTransport(contents: WebContents, trustedPrefix: string): Transport {
  return {
    send(frame) {
      if (contents.isDestroyed()) throw new Error('window closed')
      contents.send(ipcFrameChannel, frame)
    },
    onFrame(listener) {
      const onMessage = (event: IpcMainEvent, raw: unknown) => {
        const frame = event.senderFrame
        if (event.sender !== contents || !frame || frame !== contents.mainFrame) return
        if (!frame.url.startsWith(trustedPrefix)) return
        const parsed = readFrame(raw)
        if (parsed) listener(parsed)
      }
      ipcMain.on(ipcFrameChannel, onMessage)
      return () => ipcMain.off(ipcFrameChannel, onMessage)
    },
    onClose(listener) {
      contents.once('destroyed', listener)
      return () => contents.off('destroyed', listener)
    },
  }
}
