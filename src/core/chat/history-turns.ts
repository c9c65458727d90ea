import type { Message, Session } from '../../shared/contract.ts'
import type { ChatTurn } from '../copilot/answer-stream.ts'

/**
 * The conversation as the model is sent it: the session's system prompt first, then every
 * message with text. Cut-off answers go in as far as they got (the person read them); answers
 * that failed before any text and the images of earlier turns go in as stored.
 */
export function historyTurns(
  session: Pick<Session, 'systemPrompt'>,
  messages: Message[],
): ChatTurn[] {
  const turns: ChatTurn[] = []
  if (session.systemPrompt.trim()) turns.push({ role: 'system', content: session.systemPrompt })
  for (const message of messages) {
    if (!message.content && !message.images?.length) continue
    turns.push({
      role: message.role,
      content: message.content,
      ...(message.images?.length ? { images: message.images } : {}),
    })
  }
  return turns
}

/** The turns that come before message `index` of the session. */
export function turnsBefore(session: Session, index: number): ChatTurn[] {
  return historyTurns(session, session.messages.slice(0, index))
}
