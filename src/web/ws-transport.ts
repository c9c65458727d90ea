import type { WebSocket } from 'ws'
import { frameSchema, type Frame, type Transport } from '../shared/rpc.ts'

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
        let parsed
        try {
          parsed = frameSchema.safeParse(JSON.parse(String(data)))
        } catch {
          return
        }
        if (parsed.success) listener(parsed.data)
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
