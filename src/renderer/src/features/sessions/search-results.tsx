import { memo, useId, type KeyboardEvent, type RefObject } from 'react'
import type { SearchHit } from '../../../../shared/contract.ts'
import { searchLimit, useSessions } from '../../stores/sessions-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { splitHighlights } from './highlight-ranges.ts'

type SearchResultsProps = {
  /** What is in the box now; results may still be for an earlier query while typing. */
  query: string
  onChoose(hit: SearchHit): void
  /** Up from the first result, or Escape: back to the box (Escape also clears it). */
  onLeave(clear: boolean): void
  onRetry(): void
  listRef: RefObject<HTMLUListElement | null>
}

/** One result; named "<title> <snippet>" through its two parts, whatever the markup between. */
const HitButton = memo(function HitButton(props: {
  hit: SearchHit
  onChoose(hit: SearchHit): void
}) {
  const { hit, onChoose } = props
  const id = useId()
  return (
    <button
      type="button"
      className="search-hit"
      aria-labelledby={`${id}-title ${id}-snippet`}
      onClick={() => onChoose(hit)}
    >
      <span id={`${id}-title`} className="search-hit-title">
        {hit.title || 'Untitled chat'}
      </span>
      <span id={`${id}-snippet`} className="search-hit-snippet">
        {splitHighlights(hit.snippet, hit.highlights).map((part, index) =>
          // The parts never change for a hit, so their position is a stable key.
          part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
        )}
      </span>
    </button>
  )
})

function describe(count: number): string {
  // The core gives at most this many, best first: more may match.
  if (count >= searchLimit) return `The ${count} best results: add words to narrow the search`
  return count === 1 ? '1 result' : `${count.toLocaleString('en-US')} results`
}

/**
 * Full-text search results in place of the list: each hit's session title and the matching
 * passage with the matched words marked. Up/Down move between results, Enter opens one at its
 * message. The count (or "No sessions match") is a live region, so it is heard while typing.
 */
export function SearchResults({ query, onChoose, onLeave, onRetry, listRef }: SearchResultsProps) {
  const search = useSessions((s) => s.search)
  const pending =
    search.kind === 'idle' || search.kind === 'searching' || search.query !== query.trim()
  const hits = search.kind === 'failed' || search.kind === 'idle' ? [] : search.hits

  let status = ''
  if (search.kind === 'ready' && !pending) {
    status = hits.length ? describe(hits.length) : `No sessions match “${search.query}”`
  } else if (pending) status = 'Searching…'

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLElement>('.search-hit') ?? [])]
    const at = buttons.indexOf(event.target as HTMLElement)
    if (at === -1) return
    const move = (index: number) => buttons[Math.max(0, Math.min(buttons.length - 1, index))]
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1)?.focus()
        break
      case 'ArrowUp':
        if (at === 0) onLeave(false)
        else move(at - 1)?.focus()
        break
      case 'Home':
        move(0)?.focus()
        break
      case 'End':
        move(buttons.length - 1)?.focus()
        break
      case 'Escape':
        onLeave(true)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return (
    <div className="search-results">
      <p className="search-status" role="status">
        {status}
      </p>
      {search.kind === 'failed' ? <ErrorAlert error={search.error} onRetry={onRetry} /> : null}
      <ul
        ref={listRef}
        className="search-hits"
        aria-label="Search results"
        aria-busy={pending}
        onKeyDown={onKeyDown}
      >
        {hits.map((hit, index) => (
          <li key={`${hit.sessionId}:${hit.messageId ?? ''}:${index}`}>
            <HitButton hit={hit} onChoose={onChoose} />
          </li>
        ))}
      </ul>
    </div>
  )
}
