/**
 * A stored sweep read back. JSON has no NaN (a rate over no cases), so it was written as null: it comes
 * back as NaN. Anything that is not a sweep is dropped rather than shown wrong.
 */
import { SWEEP_PARAMETER, type RunSweep, type SweepPoint } from "./types.js";

const rate = (v: unknown): number | undefined => (v === null ? NaN : typeof v === "number" ? v : undefined);

function point(v: unknown): SweepPoint | undefined {
  const p = v as Record<string, unknown> | null;
  if (p === null || typeof p !== "object" || typeof p.threshold !== "number") return undefined;
  const asr = rate(p.asr);
  const overRefusal = rate(p.overRefusal);
  return asr === undefined || overRefusal === undefined
    ? undefined
    : { threshold: p.threshold, asr, overRefusal };
}

export function reviveSweep(v: unknown): RunSweep | undefined {
  const s = v as Record<string, unknown> | null;
  if (s === null || typeof s !== "object" || s.parameter !== SWEEP_PARAMETER || !Array.isArray(s.points))
    return undefined;
  const points = s.points.map(point);
  if (points.some((p) => p === undefined)) return undefined;
  return {
    parameter: SWEEP_PARAMETER,
    operating: typeof s.operating === "number" ? s.operating : 1,
    points: points as SweepPoint[],
    cases: typeof s.cases === "number" ? s.cases : 0,
    leftOut: typeof s.leftOut === "number" ? s.leftOut : 0,
  };
}
