import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcFrameChannel, isChannelName, isEventNameValue } from '../shared/channel-names.ts'
import type { Bridge, Frame } from '../shared/frames.ts'

/**
 * `window.logai`: a transport allow-listed to the contract. Only requests on contract channels go
 * out; only responses and contract events come in. `ipcRenderer` itself is never exposed.
 */
const bridge: Bridge = {
  send(frame: Frame) {
    if (frame?.type === 'request' && isChannelName(frame.channel))
      ipcRenderer.send(ipcFrameChannel, frame)
  },
  onFrame(listener) {
    const onMessage = (_event: IpcRendererEvent, frame: Frame) => {
      if (
        frame?.type === 'response' ||
        (frame?.type === 'event' && isEventNameValue(frame.event))
      ) {
        listener(frame)
      }
    }
    ipcRenderer.on(ipcFrameChannel, onMessage)
    return () => {
      ipcRenderer.off(ipcFrameChannel, onMessage)
    }
  },
}

contextBridge.exposeInMainWorld('logai', bridge)
