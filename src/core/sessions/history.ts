import type { DatabaseSync } from 'node:sqlite'
import { createExportOps } from './export-import.ts'
import { createRequestLogOps } from './request-log-ops.ts'
import { createSearch } from './search.ts'
import { createSessionOps } from './session-ops.ts'
import { createSessionPages } from './session-pages.ts'
import type { StoreOps } from './store-protocol.ts'

/** Every store operation on an open database; `fts` picks the index or the scan for search. */
export function createHistory(db: DatabaseSync, fts: boolean): StoreOps {
  return {
    ...createSessionOps(db),
    ...createSessionPages(db),
    search: createSearch(db, fts),
    ...createExportOps(db),
    ...createRequestLogOps(db),
  }
}
