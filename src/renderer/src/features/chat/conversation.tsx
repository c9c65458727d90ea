import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import type { Message } from '../../../../shared/contract.ts'
import { activeStreamId, useChat } from '../../stores/chat-store.ts'
import { useModels } from '../../stores/models-store.ts'
import { estimateBlocksEm } from '../../ui/markdown/estimate-height.ts'
import { warmUpMarkdown } from '../../ui/markdown/warm-up.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { Spinner } from '../../ui/spinner.tsx'
import { MessageItem } from './message-item.tsx'
import '../sessions/sessions.css'

// How close to the bottom still counts as "reading the latest", in pixels.
const stickThreshold = 80
// How close to the top loads the page of earlier messages, in pixels.
const olderThreshold = 300
// How long the message a search result opened stays highlighted, in ms.
const foundMs = 2400
// A message's author line, actions and usage, in em: added to its text's estimated height.
const messageChromeEm = 4

// Estimated once per message object: the store replaces a message whenever it changes.
const estimatedEm = new WeakMap<Message, number>()

/**
 * How tall a message will be before it is first drawn, for `contain-intrinsic-size` (off-screen
 * messages skip style, layout and paint, see styles.css): a long conversation then opens with
 * its scrollbar near the real length.
 */
function estimateMessageEm(message: Message): number {
  let em = estimatedEm.get(message)
  if (em === undefined) {
    em = estimateBlocksEm([message.content]) + messageChromeEm
    estimatedEm.set(message, em)
  }
  return em
}

/**
 * The open conversation; follows a streaming answer unless the reader scrolled up. A long one
 * opens at its latest messages and loads earlier pages as the reader nears the top, keeping
 * what they were reading in place. A search result's message is scrolled to, focused (so a
 * screen reader reads it) and briefly highlighted.
 */
export function Conversation() {
  const sessionId = useChat((s) => s.sessionId)
  const messages = useChat((s) => s.messages)
  const status = useChat((s) => s.status)
  const loadError = useChat((s) => s.loadError)
  const openSession = useChat((s) => s.openSession)
  const streams = useChat((s) => s.streams)
  const busy = useChat((s) => s.sending || activeStreamId(s) !== null)
  const hasOlder = useChat((s) => s.hasOlder)
  const loadingOlder = useChat((s) => s.loadingOlder)
  const olderError = useChat((s) => s.olderError)
  const loadOlder = useChat((s) => s.loadOlder)
  const targetMessageId = useChat((s) => s.targetMessageId)
  const clearTarget = useChat((s) => s.clearTarget)
  const retries = useMemo(
    () => new Map(Object.values(streams).map((stream) => [stream.messageId, stream.retry])),
    [streams],
  )
  const models = useModels((s) => s.models)
  const names = useMemo(() => new Map(models.map((m) => [m.id, m.name])), [models])

  const scroller = useRef<HTMLElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const stick = useRef(true)
  // Where the view was after the last scroll, to tell the reader scrolling up from the content
  // growing under a view that follows it (markdown lands a frame after the text).
  const lastScrollTop = useRef(0)
  // Set while a page of earlier messages is on its way: the first message and the distance from
  // the bottom of the content, which stays the same once the page is in above it.
  const prepending = useRef<{ firstId: string; fromBottom: number } | null>(null)
  const shownTarget = useRef<string | null>(null)

  useLayoutEffect(() => {
    stick.current = true
  }, [sessionId])

  // markdown-it and highlighting load on first use, and loading and first running them takes
  // time the first screen does not have: do both while the window is idle, so the first
  // conversation opens with neither.
  useEffect(() => void warmUpMarkdown(), [])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const anchor = prepending.current
    if (anchor && messages[0]?.id !== anchor.firstId) {
      prepending.current = null
      element.scrollTop = element.scrollHeight - anchor.fromBottom
    } else if (stick.current) element.scrollTop = element.scrollHeight
  }, [messages])

  useLayoutEffect(() => {
    if (!loadingOlder) prepending.current = null
  }, [loadingOlder])

  // Follows the answer as it grows, whenever it grows: text, highlighting, images.
  useEffect(() => {
    const element = scroller.current
    const inner = content.current
    if (!element || !inner || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (stick.current && !prepending.current) element.scrollTop = element.scrollHeight
    })
    observer.observe(inner)
    return () => observer.disconnect()
  }, [])

  useLayoutEffect(() => {
    if (targetMessageId === null) {
      shownTarget.current = null
      return
    }
    if (shownTarget.current === targetMessageId) return
    const slot = scroller.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(targetMessageId)}"]`,
    )
    if (!slot) return
    shownTarget.current = targetMessageId
    stick.current = false
    slot.scrollIntoView({ block: 'center' })
    slot.focus({ preventScroll: true })
  }, [targetMessageId, messages])

  useEffect(() => {
    if (targetMessageId === null) return
    const timer = setTimeout(clearTarget, foundMs)
    return () => clearTimeout(timer)
  }, [targetMessageId, clearTarget])

  const loadEarlier = useCallback(() => {
    const element = scroller.current
    const first = messages[0]
    if (!element || !first || prepending.current) return
    prepending.current = { firstId: first.id, fromBottom: element.scrollHeight - element.scrollTop }
    void loadOlder()
  }, [messages, loadOlder])

  const loadOlderNearTop = useCallback(() => {
    const element = scroller.current
    if (!element || !hasOlder || loadingOlder || olderError || status !== 'ready') return
    if (element.scrollTop <= olderThreshold) loadEarlier()
  }, [hasOlder, loadingOlder, olderError, status, loadEarlier])

  // A first page shorter than the view never scrolls: fill the view without waiting for it.
  useEffect(loadOlderNearTop, [loadOlderNearTop])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    const nearBottom =
      element.scrollHeight - element.scrollTop - element.clientHeight < stickThreshold
    // Only the reader moving up lets go of the bottom; content growing below never does.
    if (nearBottom) stick.current = true
    else if (element.scrollTop < lastScrollTop.current) stick.current = false
    lastScrollTop.current = element.scrollTop
    loadOlderNearTop()
  }

  return (
    <section className="conversation" aria-label="Conversation" ref={scroller} onScroll={onScroll}>
      <div className="conversation-inner" ref={content}>
        {status === 'loading' ? (
          <p className="conversation-note" role="status">
            <Spinner /> Opening the conversation…
          </p>
        ) : null}
        {status === 'failed' && sessionId ? (
          <ErrorAlert error={loadError} onRetry={() => void openSession(sessionId)} />
        ) : null}
        {status === 'ready' && messages.length === 0 ? (
          <div className="conversation-empty">
            <h2>What can Copilot help with?</h2>
            <p>Pick a model above, type a message below, and press Enter to send.</p>
          </div>
        ) : null}
        {status === 'ready' && hasOlder ? (
          <div className="conversation-older">
            {loadingOlder ? (
              <p role="status">
                <Spinner /> Loading earlier messages…
              </p>
            ) : olderError ? (
              <ErrorAlert error={olderError} onRetry={loadEarlier} />
            ) : (
              <button type="button" className="button-link" onClick={loadEarlier}>
                Load earlier messages
              </button>
            )}
          </div>
        ) : null}
        {messages.map((message, index) => (
          <div
            key={message.id}
            className={
              message.id === targetMessageId ? 'message-slot message-found' : 'message-slot'
            }
            data-message-id={message.id}
            // The streaming answer is on screen and changes every frame: never estimated.
            style={
              message.status === 'streaming'
                ? undefined
                : { containIntrinsicBlockSize: `auto ${estimateMessageEm(message)}em` }
            }
            // Focusable from script only, so a search result's message can take focus.
            tabIndex={-1}
          >
            <MessageItem
              message={message}
              modelName={message.modelId ? names.get(message.modelId) : undefined}
              isLast={index === messages.length - 1}
              busy={busy}
              retry={retries.get(message.id) ?? null}
            />
          </div>
        ))}
      </div>
    </section>
  )
}
