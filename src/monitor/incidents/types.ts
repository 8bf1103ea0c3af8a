/** Incidents: what a rule saw, grouped with its events, worked from open to resolved with a history. */

/** open: new; triaged: someone owns it; resolved: done (a later match opens a new incident). */
export const INCIDENT_STATUSES = ["open", "triaged", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_ACTIONS = ["opened", "triaged", "assigned", "noted", "resolved", "reopened"] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export interface Incident {
  id: string;
  /** Events matching an unresolved incident with the same key join it instead of opening another. */
  key: string;
  /** The rule that opened it: "severe", "strikes", "spike", or a caller's own. */
  rule: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  owner?: string;
  openedAt: number;
  updatedAt: number;
  resolvedAt?: number;
  eventCount: number;
  lastEventAt: number;
  /** What the rule saw: category, user, counts, test statistics. Never text. */
  details: Record<string, unknown>;
}

export interface IncidentHistoryEntry {
  id: string;
  incidentId: string;
  seq: number;
  at: number;
  actor: string;
  action: IncidentAction;
  fromStatus?: IncidentStatus;
  toStatus?: IncidentStatus;
  note?: string;
}

export interface NewIncident {
  key: string;
  rule: string;
  title: string;
  severity: IncidentSeverity;
  details: Record<string, unknown>;
  eventIds: readonly string[];
  /** Epoch ms; default now. */
  at?: number;
  /** Who opened it (default "rule:<rule>"). */
  actor?: string;
}

export interface IncidentListQuery {
  status?: IncidentStatus | readonly IncidentStatus[];
  rule?: string;
  /** Default 50. */
  limit?: number;
  offset?: number;
}

/** Misuse: an unknown id, or a change the incident's status does not allow. */
export class IncidentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IncidentError";
  }
}
