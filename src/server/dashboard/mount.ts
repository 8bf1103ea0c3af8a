/**
 * The dashboard for `startServer`'s `mount` option — what `guardstack serve` uses: the admin password
 * from the environment (read before the server starts, so a bad value stops the start), the server's
 * own review queue and policy, and the monitoring stores. Without a password it mounts the stand-in
 * page and returns the message to log at start.
 */
import type { EvalStore } from "../../eval/store/eval-store.js";
import type { IncidentStore } from "../../monitor/incidents/incident-store.js";
import type { AuditStore } from "../../monitor/store/audit-store.js";
import type { LoadedPolicy } from "../../policy/load.js";
import type { MountedApps } from "../app.js";
import type { ServerState } from "../runtime/state.js";
import { adminPasswordHashFromEnv, NO_PASSWORD_MESSAGE } from "./auth/password.js";
import { createDashboard, dashboardOff } from "./create-dashboard.js";
import type { DashboardDeps } from "./deps.js";

export const DASHBOARD_PATH = "/dashboard";

export interface DashboardMountOptions extends Omit<
  DashboardDeps,
  "audit" | "incidents" | "escalations" | "evals" | "policy" | "adminPasswordHash" | "basePath"
> {
  audit: AuditStore;
  incidents?: IncidentStore;
  evals?: EvalStore;
  /** Where the admin password comes from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface DashboardMount {
  enabled: boolean;
  /** Why it is off: log it at start. */
  message?: string;
  /** Pass as startServer's `mount`. */
  mount: (state: ServerState) => MountedApps;
}

/** The server's effective policy, as the policy page explains it. */
export function serverPolicy(state: ServerState): LoadedPolicy {
  const ref = state.config.policy;
  return {
    policy: state.defaultGuard.policy,
    version: state.defaultGuard.policyVersion,
    sources: [typeof ref === "string" ? ref : "<inline policy in the server config>"],
  };
}

export async function dashboardMount(options: DashboardMountOptions): Promise<DashboardMount> {
  const { env, ...deps } = options;
  const hash = await adminPasswordHashFromEnv(env ?? process.env);
  if (hash === undefined)
    return {
      enabled: false,
      message: NO_PASSWORD_MESSAGE,
      mount: () => ({ [DASHBOARD_PATH]: dashboardOff() }),
    };
  return {
    enabled: true,
    mount: (state) => ({
      [DASHBOARD_PATH]: createDashboard({
        ...deps,
        ...(state.escalations.queue ? { escalations: state.escalations.queue } : {}),
        policy: () => serverPolicy(state),
        adminPasswordHash: hash,
        basePath: DASHBOARD_PATH,
      }),
    }),
  };
}
