/**
 * How band probes hand scores to the cascade without going through the policy: the cascade runs the
 * fast check inside `probeSlots.run(slot, ...)`, and each probe (a detector in the same engine run,
 * sharing the normalised text and its cached features) writes what it saw into the slot and reports
 * no finding. Outside a cascade there is no slot, and a probe returns at once.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Finding } from "../../detectors/types.js";

export interface ProbeRecord {
  /** The classifier detector the score belongs to, e.g. "harm-classifier". */
  source: string;
  /** The finding the classifier would report at a threshold low enough to see the band. */
  finding: Finding;
  /** The classifier's operating threshold. */
  threshold: number;
}

export interface ProbeSlot {
  /** Probe names that should score in this check (their classifier runs at the stage). */
  wanted: ReadonlySet<string>;
  records: ProbeRecord[];
}

export const probeSlots = new AsyncLocalStorage<ProbeSlot>();
