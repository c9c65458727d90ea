import type { WebSocket } from 'ws'
import { readFrame, type Frame, type Transport } from '../shared/frames.ts'

/** The server end of one WebSocket connection as an RPC transport; frames are JSON text. */
export function createWebSocketTransport(socket: WebSocket): Transport {
  return {
    send(frame: Frame) {
      if (socket.readyState !== socket.OPEN) throw new Error('socket closed')
      socket.send(JSON.stringify(frame))
    },
    onFrame(listener) {
      const onMessage = (data: unknown, isBinary: boolean) => {
        if (isBinary) return
        let frame
        try {
          frame = readFrame(JSON.parse(String(data)))
        } catch {
          return
        }
        if (frame) listener(frame)
      }
      socket.on('message', onMessage)
      return () => socket.off('message', onMessage)
    },
    onClose(listener) {
      socket.on('close', listener)
      return () => socket.off('close', listener)
    },
  }
}
