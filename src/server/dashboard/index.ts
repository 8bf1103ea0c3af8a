/** The monitoring dashboard: a Hono sub-app the server mounts under /dashboard. */
export {
  createDashboard,
  dashboardFromEnv,
  dashboardOff,
  type DashboardFromEnv,
} from "./create-dashboard.js";
export type { DashboardDeps } from "./deps.js";
export {
  dashboardMount,
  serverPolicy,
  DASHBOARD_PATH,
  type DashboardMount,
  type DashboardMountOptions,
} from "./mount.js";
export type { DashboardEnv } from "./context.js";
export {
  ADMIN_PASSWORD_ENV,
  ADMIN_PASSWORD_HASH_ENV,
  AdminPasswordError,
  MIN_PASSWORD_LENGTH,
  NO_PASSWORD_MESSAGE,
  adminPasswordHashFromEnv,
  hashAdminPassword,
  isAdminPasswordHash,
  verifyAdminPassword,
} from "./auth/password.js";
export { LoginThrottle, type LoginThrottleOptions } from "./auth/login-throttle.js";
