/** The evaluation store: runs, case results and the response cache in SQLite (Kysely over better-sqlite3). */
export { EvalStore, DEFAULT_DB_PATH, type RunRecord, type NewRun, type RunStatus } from "./eval-store.js";
export {
  cachedProvider,
  requestKey,
  type CachedProvider,
  type CacheStats,
  type ResponseCache,
} from "./response-cache.js";
export { newRunId, resultKey } from "./run-id.js";
export { MIGRATIONS } from "./migrations.js";
export {
  loadRunRef,
  readRunFile,
  resolveRunId,
  RunRefError,
  RunFileError,
  PATTERNS as RUN_REF_PATTERNS,
} from "./run-ref.js";
