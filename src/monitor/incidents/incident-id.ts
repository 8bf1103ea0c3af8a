import { randomBytes } from "node:crypto";

/** An incident id that sorts by time and reads well in a terminal: inc-20250101-120000-3fa2c1. */
export function newIncidentId(now: number = Date.now()): string {
  const iso = new Date(now).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  return `inc-${stamp}-${randomBytes(3).toString("hex")}`;
}
