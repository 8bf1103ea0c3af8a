/** The escalation queue: hold a response for a person, or release it flagged; every change audited. */
export { EscalationQueue, TIMEOUT_ACTOR, type EnqueueInput, type EscalationQueueOptions } from "./queue.js";
export { MemoryEscalationStore, type MemoryEscalationStoreOptions } from "./memory-store.js";
export { summarizeDecision } from "./summary.js";
export {
  ESCALATION_EVENT_ACTIONS,
  ESCALATION_STATUSES,
  EscalationError,
  type DecisionSummary,
  type EscalationEventAction,
  type EscalationEventRow,
  type EscalationItem,
  type EscalationListQuery,
  type EscalationPatch,
  type EscalationRow,
  type EscalationStatus,
  type EscalationStore,
  type ReviewInput,
  type ReviewOutcome,
} from "./types.js";
