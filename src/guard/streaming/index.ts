/** The streaming output rail: release model output only after it has been checked. */
export { guardStream } from "./guard-stream.js";
export { StreamGuard, STREAM_DEFAULTS } from "./stream-guard.js";
export type { StreamEvent, StreamGuardOptions, StreamStats, StreamCheckGuard } from "./types.js";
