import type {
  ChannelInput,
  Message,
  SearchHit,
  Session,
  SessionPage,
  SessionSummary,
  messagePageSchema,
} from '../../shared/contract.ts'
import type { z } from 'zod'
import type { RequestLogEntry } from '../api-server/request-log.ts'
import type { TitleSource } from './rows.ts'
import type { SessionExport } from './session-export.ts'

export type { TitleSource } from './rows.ts'
export { latestPageSize } from './session-ops.ts'
export type { SessionExport } from './session-export.ts'
export {
  openSessionStore,
  type OpenedSessionStore,
  type SessionStoreOptions,
} from './store-client.ts'

/** A page of messages, oldest first, and whether earlier ones exist. */
export type MessagePage = z.infer<typeof messagePageSchema>

/** What a message checkpoint or the end of a stream writes; absent optional fields are cleared. */
export type MessagePatch = Pick<Message, 'content' | 'status'> &
  Pick<Partial<Message>, 'error' | 'reasoning' | 'usage'>

/** One local day of the local API's requests (`day` is `YYYY-MM-DD` in local time). */
export type RequestDayTotals = {
  day: string
  requests: number
  inputTokens: number
  outputTokens: number
  /** Requests that ended with an error status or an error after streaming started. */
  errors: number
}

/**
 * What a turn writes before its answer streams (send, edit, regenerate): an optional new
 * session, an optional cut of the conversation, the person's message and an empty answer.
 */
export type TurnStart = {
  /** The conversation to add to, or the one to start. */
  session: { id: string } | { start: { title: string; systemPrompt: string } }
  /** Deletes this message and every later one first (edit, regenerate). */
  replaceFrom?: string
  /** The person's message; absent when the answer is to one already there (regenerate). */
  prompt?: Pick<Message, 'content' | 'images'>
  /** The model that answers, remembered as the session's latest. */
  modelId: string
  now: number
}

/**
 * The turn as written: the session as it now is and where its title came from, the person's
 * message and the empty answer.
 */
export type TurnStarted = {
  session: SessionSummary
  titleSource: TitleSource
  prompt: Message | null
  answer: Message
}

/** How an import went: sessions added, and sessions left alone because their id was present. */
export type ImportOutcome = { imported: number; skipped: number }

/**
 * Conversations, prompts and the local API's request log, in SQLite on a worker thread. Every call
 * is a message to the worker, answered in order; a designed failure rejects with an `AppFailure`
 * of its kind (a missing session is `invalid_input`; a full disk or read-only file is `internal`
 * with a message that says so). A write that fails leaves nothing half-written.
 */
export type SessionStore = {
  /** Starts a conversation; its title comes from the first prompt unless `titleSource` says. */
  createSession(input: {
    title: string
    modelId: string
    now: number
    systemPrompt: string
    titleSource?: TitleSource
  }): Promise<SessionSummary>
  /** Appends a message to its session (the session must exist). */
  addMessage(input: Omit<Message, 'id'>): Promise<Message>
  /**
   * Replaces a message's content and status (checkpoints and the end of a stream), and its
   * reasoning, usage and error: absent ones are cleared. Once the call resolves the text is on
   * disk: a crash after it loses nothing of it. Rejects when the message is gone.
   */
  updateMessage(id: string, patch: MessagePatch): Promise<void>
  /**
   * Writes a turn in one transaction, so a full disk or a crash leaves the conversation as it was
   * (no cut without its new message, no prompt without its answer, no empty session).
   */
  startTurn(turn: TurnStart): Promise<TurnStarted>
  /**
   * Deletes the message `fromMessageId` and every later one of its session; rejects when that
   * message is not in the session.
   */
  deleteMessagesFrom(sessionId: string, fromMessageId: string): Promise<void>
  setSystemPrompt(id: string, systemPrompt: string): Promise<void>
  /** Moves a session to the top of its group (`updatedAt`) and remembers its latest model. */
  touchSession(id: string, now: number, modelId: string): Promise<void>
  /** Sessions not deleted: pinned first, then by `updatedAt`, newest first. */
  listSessions(): Promise<SessionSummary[]>
  /** The same list a page at a time: `limit` sessions after the cursor `after` (or the top). */
  listSessionPage(page: ChannelInput<'sessions:listPage'>): Promise<SessionPage>
  /** A session with its latest `limit` messages (default `latestPageSize`) and `hasOlder`. */
  getSession(id: string, limit?: number): Promise<Session>
  /** A session with every message (to build the model's history); `hasOlder` is false. */
  getConversation(id: string): Promise<Session>
  /** The `limit` messages (default `latestPageSize`) before `beforeId`, oldest first. */
  olderMessages(id: string, beforeId: string, limit?: number): Promise<MessagePage>
  /**
   * Renames a session unless its title came from a higher source (prompt < model < person), so
   * a generated title never replaces a person's. Resolves whether the title changed hands.
   */
  renameSession(id: string, title: string, source: TitleSource): Promise<boolean>
  pinSession(id: string, pinned: boolean): Promise<void>
  /** Hides a session until `restoreSession` (Undo); it is purged at the next start. */
  deleteSession(id: string): Promise<void>
  restoreSession(id: string): Promise<void>
  /**
   * Full-text search over titles and message text, best first (bm25, titles weighted up), at
   * most one hit per message. Free text: see `parseSearchQuery` for what it understands.
   */
  search(query: string, limit?: number): Promise<SearchHit[]>
  /** The named sessions (default: all not deleted), everything needed to import them exactly. */
  exportSessions(ids?: string[]): Promise<SessionExport>
  /** `exportSessions` as the JSON text of an export file, built on the worker. */
  exportSessionsJson(ids?: string[]): Promise<string>
  /**
   * Reads an export file's text (parsed and checked on the worker) and adds its sessions with
   * their ids and timestamps, in one transaction. Sessions already present are skipped.
   */
  importSessions(content: string): Promise<ImportOutcome>
  /** The person's earlier prompts, newest first, each once, at most `limit` (default 100). */
  promptHistory(limit?: number): Promise<string[]>
  /** Records one request the local API answered. */
  appendRequestLog(entry: RequestLogEntry): Promise<void>
  /** The latest `limit` requests (default 100), newest first. */
  recentRequests(limit?: number): Promise<RequestLogEntry[]>
  /** Totals for each of the `days` local days up to the one holding `now`, oldest first. */
  requestTotalsByDay(days: number, now: number): Promise<RequestDayTotals[]>
  /** Finishes every call already made, then closes the database and stops the worker. */
  close(): Promise<void>
}
