/** What the dashboard is built from: the stores it reads and works, the policy, and its sign-in settings. */
import type { EvalStore } from "../../eval/store/eval-store.js";
import type { EscalationQueue } from "../../guard/escalation/index.js";
import type { IncidentStore } from "../../monitor/incidents/incident-store.js";
import type { AuditStore } from "../../monitor/store/audit-store.js";
import type { LoadedPolicy } from "../../policy/load.js";
import type { LoginThrottleOptions } from "./auth/login-throttle.js";

export interface DashboardDeps {
  /** The audit trail (SQLite or Postgres). Incidents and the SQL review queue live in the same database. */
  audit: AuditStore;
  /** Default: an IncidentStore over the audit store's database. */
  incidents?: IncidentStore;
  /** The review queue; without it the review page says the queue is off. */
  escalations?: EscalationQueue;
  /** Eval runs; without it the eval page says there is no store. */
  evals?: EvalStore;
  /** The effective policy (or a function returning the current one). */
  policy: LoadedPolicy | (() => LoadedPolicy);
  /** scrypt hash of the admin password (see hashAdminPassword / adminPasswordHashFromEnv). Required. */
  adminPasswordHash: string;
  /** The name the admin acts under in incident histories and review trails (default "admin"). */
  adminUser?: string;
  /** Where the server mounts the dashboard (default "/dashboard"): links, redirects and the cookie path. */
  basePath?: string;
  /** Key that signs the session cookie (default: random per process; sessions live in memory anyway). */
  sessionSecret?: string;
  /** Default 8 hours. */
  sessionTtlMs?: number;
  /** Failed sign-ins allowed per address (default 5 per 15 minutes). */
  login?: LoginThrottleOptions;
  /** Mark cookies Secure (default: when the request came over https). */
  secureCookies?: boolean;
  /** Believe X-Forwarded-For for the client address (only behind a proxy that sets it). */
  trustProxy?: boolean;
  clock?: () => number;
  /** Told of unexpected errors (the page shows a short message). */
  onError?: (err: unknown, path: string) => void;
}
