/**
 * Signed-in sessions, in memory: a random id in a signed cookie (HttpOnly, SameSite=Strict, path-scoped
 * to the dashboard), and per session the CSRF token its forms carry. Sessions end at `ttlMs` after
 * sign-in, on sign-out, or when the process restarts (sign in again).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export interface Session {
  id: string;
  user: string;
  /** Every mutating form carries this; see `sameToken`. */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStoreOptions {
  /** Default 8 hours. */
  ttlMs?: number;
  /** Sessions kept at most; the oldest are dropped beyond it (default 1000). */
  maxSessions?: number;
  clock?: () => number;
}

export const DEFAULT_SESSION_TTL_MS = 8 * 3_600_000;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Constant-time comparison of two tokens (any lengths). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== "string" || typeof b !== "string" || a.length === 0) return false;
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export class DashboardSessions {
  readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly clock: () => number;
  private readonly sessions = new Map<string, Session>();

  constructor(options: SessionStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_SESSION_TTL_MS;
    this.maxSessions = options.maxSessions ?? 1000;
    this.clock = options.clock ?? Date.now;
  }

  create(user: string): Session {
    const now = this.clock();
    const session: Session = {
      id: randomToken(),
      user,
      csrf: randomToken(),
      createdAt: now,
      expiresAt: now + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    for (const [id, s] of this.sessions) {
      if (this.sessions.size <= this.maxSessions && s.expiresAt > now) break;
      this.sessions.delete(id);
    }
    return session;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.clock()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
