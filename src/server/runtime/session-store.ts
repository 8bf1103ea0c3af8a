/**
 * Conversation state (turns, taint, conversation risk) for requests that name a session in the
 * `guardstack.sessionId` extension field. Kept in this process, per API key (one key cannot read or
 * steer another's sessions), least recently used dropped first beyond `max`.
 */
import { createSession, type SessionState } from "../../guard/session/index.js";

export class SessionStore {
  private readonly sessions = new Map<string, SessionState>();

  constructor(private readonly max = 10_000) {}

  /** The stored session, or a new one (stored) when `sessionId` is given; a throwaway one otherwise. */
  get(keyId: string, sessionId: string | undefined): { session: SessionState; persistent: boolean } {
    if (sessionId === undefined) return { session: createSession(), persistent: false };
    const key = `${keyId}\u0000${sessionId}`;
    let session = this.sessions.get(key);
    if (session) {
      this.sessions.delete(key); // re-insert: Map order is the recency order
    } else {
      session = createSession(sessionId);
      if (this.sessions.size >= this.max) {
        const oldest = this.sessions.keys().next();
        if (!oldest.done) this.sessions.delete(oldest.value);
      }
    }
    this.sessions.set(key, session);
    return { session, persistent: true };
  }

  get size(): number {
    return this.sessions.size;
  }
}
