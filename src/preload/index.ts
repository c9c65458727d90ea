import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isChannel, isEventName } from '../shared/contract.ts'
import type { Bridge, Frame } from '../shared/rpc.ts'

/** The one IPC channel frames travel on; main checks the sender of every frame. */
const rpcChannel = 'logai:rpc'

/**
 * `window.logai`: a transport allow-listed to the contract. Only requests on contract channels go
 * out; only responses and contract events come in. `ipcRenderer` itself is never exposed.
 */
const bridge: Bridge = {
  send(frame: Frame) {
    if (frame?.type === 'request' && isChannel(frame.channel)) ipcRenderer.send(rpcChannel, frame)
  },
  onFrame(listener) {
    const onMessage = (_event: IpcRendererEvent, frame: Frame) => {
      if (frame?.type === 'response' || (frame?.type === 'event' && isEventName(frame.event))) {
        listener(frame)
      }
    }
    ipcRenderer.on(rpcChannel, onMessage)
    return () => {
      ipcRenderer.off(rpcChannel, onMessage)
    }
  },
}

contextBridge.exposeInMainWorld('logai', bridge)
