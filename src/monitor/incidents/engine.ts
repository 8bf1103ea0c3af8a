/**
 * The incident engine: after each committed audit batch it runs the severe and strikes rules, and on a
 * timer the spike rule; it opens incidents (or adds events to an unresolved one with the same key) and
 * announces new ones on the webhook. Work is serialised and off the guard's path; a failure is counted
 * and reported, never thrown into the writer.
 */
import type { AuditWriter } from "../audit-writer.js";
import {
  IncidentRulesSettings,
  type IncidentRulesSettingsInput,
  type IncidentRulesSettingsT,
} from "../config.js";
import type { AuditStore } from "../store/audit-store.js";
import { errorLine } from "../store/connect.js";
import type { AuditEvent } from "../types.js";
import type { IncidentStore } from "./incident-store.js";
import {
  blockedUsers,
  judgeSpike,
  severeCandidates,
  spikeCandidate,
  strikesCandidate,
  type IncidentCandidate,
  type SpikeVerdict,
} from "./rules.js";
import type { Incident } from "./types.js";
import type { WebhookNotifier } from "./webhook.js";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface IncidentEngineOptions {
  audit: AuditStore;
  incidents: IncidentStore;
  rules?: IncidentRulesSettingsInput;
  webhook?: WebhookNotifier;
  /** Told of every incident opened (e.g. metrics.incidentOpened). */
  onOpened?: (incident: Incident) => void;
  onError?: (err: unknown) => void;
  clock?: () => number;
}

export interface IncidentEngineStats {
  batches: number;
  opened: number;
  /** Events added to incidents that were already open. */
  grouped: number;
  errors: number;
  lastError?: string;
}

export class IncidentEngine {
  readonly rules: IncidentRulesSettingsT;
  private readonly audit: AuditStore;
  private readonly incidents: IncidentStore;
  private readonly webhook: WebhookNotifier | undefined;
  private readonly onOpened: ((incident: Incident) => void) | undefined;
  private readonly onError: ((err: unknown) => void) | undefined;
  private readonly clock: () => number;
  private chain: Promise<unknown> = Promise.resolve();
  private spikeTimer: NodeJS.Timeout | undefined;
  private readonly counts: IncidentEngineStats = { batches: 0, opened: 0, grouped: 0, errors: 0 };

  constructor(options: IncidentEngineOptions) {
    this.audit = options.audit;
    this.incidents = options.incidents;
    this.rules = IncidentRulesSettings.parse(options.rules ?? {});
    this.webhook = options.webhook;
    this.onOpened = options.onOpened;
    this.onError = options.onError;
    this.clock = options.clock ?? Date.now;
  }

  /** Runs the event rules on every batch the writer commits. Returns a detach function. */
  attach(writer: AuditWriter): () => void {
    return writer.onCommit((events) => {
      void this.process(events).catch(() => undefined); // counted in process
    });
  }

  /** Starts checking for spikes every rules.spike.intervalMinutes (the timer never keeps the process alive). */
  start(): void {
    if (this.spikeTimer || !this.rules.spike.enabled) return;
    this.spikeTimer = setInterval(
      () => void this.checkSpikes().catch(() => undefined),
      this.rules.spike.intervalMinutes * MINUTE_MS,
    );
    this.spikeTimer.unref();
  }

  stop(): void {
    clearInterval(this.spikeTimer);
    this.spikeTimer = undefined;
  }

  /** Resolves when the work queued so far is done. */
  async idle(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c.catch(() => undefined);
      if (c === this.chain) return;
    }
  }

  stats(): IncidentEngineStats {
    return { ...this.counts };
  }

  /** Runs the severe and strikes rules on committed events; returns the incidents it opened. */
  process(events: readonly AuditEvent[]): Promise<Incident[]> {
    return this.serial(async () => {
      this.counts.batches++;
      const candidates = severeCandidates(events, this.rules.severe);
      if (this.rules.strikes.enabled) {
        const windowMs = this.rules.strikes.windowMinutes * MINUTE_MS;
        for (const [userId, seen] of blockedUsers(events)) {
          const since = seen.latest - windowMs;
          const q = { userId, action: "block" as const, since, until: seen.latest + 1 };
          const blocks = await this.audit.count(q);
          if (blocks < this.rules.strikes.blocks) continue;
          const open = await this.incidents.findOpen(`strikes:user:${userId}`);
          const ids = open ? seen.eventIds : await this.audit.ids(q);
          const c = strikesCandidate(userId, blocks, ids, this.rules.strikes);
          if (c) candidates.push(c);
        }
      }
      return this.openAll(candidates);
    });
  }

  /**
   * Tests the last hour of each category against its baseline (see judgeSpike) and opens an incident
   * for each spike. Returns the verdicts of every category seen, spikes or not.
   */
  checkSpikes(now: number = this.clock()): Promise<{ verdicts: SpikeVerdict[]; opened: Incident[] }> {
    return this.serial(async () => {
      const s = this.rules.spike;
      const split = now - HOUR_MS;
      const earliest = await this.audit.earliestTime();
      if (earliest === undefined) return { verdicts: [], opened: [] };
      const from = Math.max(split - s.baselineDays * 24 * HOUR_MS, earliest);
      const baselineHours = Math.max(0, (split - from) / HOUR_MS);
      const counts = await this.audit.reasonCounts(from, split, now);
      const verdicts = counts.map((c) =>
        judgeSpike({ category: c.category, lastHour: c.after, baselineCount: c.before, baselineHours }, s),
      );
      const candidates: IncidentCandidate[] = [];
      for (const v of verdicts.filter((x) => x.spike)) {
        const ids = await this.audit.ids({ category: v.category, since: split, until: now, limit: 1000 });
        candidates.push(spikeCandidate(v, ids));
      }
      return { verdicts, opened: await this.openAll(candidates) };
    });
  }

  private async openAll(candidates: IncidentCandidate[]): Promise<Incident[]> {
    const opened: Incident[] = [];
    for (const c of candidates) {
      const { incident, created } = await this.incidents.openOrAdd({ ...c, at: this.clock() });
      if (!created) {
        this.counts.grouped += c.eventIds.length;
        continue;
      }
      this.counts.opened++;
      opened.push(incident);
      try {
        this.onOpened?.(incident);
      } catch {
        // the listener's own problem
      }
      this.webhook?.notify({ type: "incident.opened", incident });
    }
    return opened;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.catch(() => undefined).then(work);
    this.chain = run;
    return run.catch((err: unknown) => {
      this.counts.errors++;
      this.counts.lastError = errorLine(err);
      try {
        this.onError?.(err);
      } catch {
        // ignore
      }
      throw err;
    });
  }
}
