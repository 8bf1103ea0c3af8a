/** Rate limits and strikes: the Limiter facade, its policy section, and the memory and Redis stores. */
export {
  RateLimitsConfigSchema,
  EscalationConfigSchema,
  RateSchema,
  StrikesSchema,
  ESCALATION_MODES,
  ESCALATION_TIMEOUT_ACTIONS,
  type EscalationConfig,
  type EscalationConfigInput,
  type Rate,
  type RateLimitsConfig,
  type RateLimitsConfigInput,
  type StrikesConfig,
} from "../../policy/limits-config.js";
export {
  Limiter,
  penaltyOf,
  type BucketReport,
  type EscalationNotice,
  type LimitCheck,
  type LimiterOptions,
  type Penalty,
  type RateLimitReason,
  type RateLimitResult,
  type ViolationResult,
} from "./limiter.js";
export { estimateTokens } from "./tokens.js";
export { MemoryRateLimitStore, type MemoryStoreOptions } from "./memory-store.js";
export { RedisRateLimitStore, type RedisStoreOptions } from "./redis-store.js";
export {
  RateLimitStoreError,
  type BucketRequest,
  type RateLimitStore,
  type StoreBucketResult,
  type StoreCheckRequest,
  type StoreCheckResult,
  type StrikeResult,
} from "./store.js";
export type { StrikeParams, StrikeState } from "./strikes.js";
