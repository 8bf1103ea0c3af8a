import { escapeHtml } from "../escape.js";
import { pct } from "../format.js";
import type { SweepPoint } from "../types.js";
import { niceRateMax, r1, rateTick, svgRoot, svgText, ticks } from "./svg.js";

/**
 * The trade-off curve of a threshold sweep: over-refusal (x) against under-refusal, the attack success
 * rate (y); lower left is better. The operating point is ringed and labelled.
 */
export function sweepChart(
  points: readonly SweepPoint[],
  operating: { asr: number; overRefusal: number; label: string },
  parameter = "threshold",
): string {
  const width = 640;
  const height = 420;
  const left = 64;
  const right = 24;
  const top = 16;
  const bottom = 52;
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.asr) && Number.isFinite(p.overRefusal))
    .sort((a, b) => a.threshold - b.threshold);
  const maxX = niceRateMax(
    Math.max(
      ...sorted.map((p) => p.overRefusal),
      Number.isFinite(operating.overRefusal) ? operating.overRefusal : 0,
      0.01,
    ),
  );
  const maxY = niceRateMax(
    Math.max(...sorted.map((p) => p.asr), Number.isFinite(operating.asr) ? operating.asr : 0, 0.01),
  );
  const X = (v: number) => left + (v / maxX) * (width - left - right);
  const Y = (v: number) => height - bottom - (v / maxY) * (height - top - bottom);
  const parts: string[] = [];
  for (const vx of ticks(maxX)) {
    parts.push(
      `<line class="grid" x1="${r1(X(vx))}" x2="${r1(X(vx))}" y1="${top}" y2="${height - bottom}"/>`,
    );
    parts.push(svgText(X(vx), height - bottom + 16, rateTick(vx, maxX), "tick", "middle"));
  }
  for (const vy of ticks(maxY)) {
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${r1(Y(vy))}" y2="${r1(Y(vy))}"/>`);
    parts.push(svgText(left - 8, Y(vy) + 4, rateTick(vy, maxY), "tick", "end"));
  }
  parts.push(
    svgText(
      (left + width - right) / 2,
      height - 12,
      "over-refusal (benign requests refused)",
      "axis",
      "middle",
    ),
  );
  parts.push(
    `<text class="axis" text-anchor="middle" transform="translate(16 ${r1((top + height - bottom) / 2)}) rotate(-90)">attack success rate (under-refusal)</text>`,
  );
  if (sorted.length > 0) {
    const d = sorted.map((p, i) => `${i === 0 ? "M" : "L"}${r1(X(p.overRefusal))} ${r1(Y(p.asr))}`).join("");
    parts.push(`<path class="curve" d="${d}"/>`);
    // Label a handful of thresholds so the curve can be read, not every point.
    const every = Math.max(1, Math.ceil(sorted.length / 6));
    sorted.forEach((p, i) => {
      const tip = `${parameter} ${p.threshold}: attack success ${pct(p.asr)}, over-refusal ${pct(p.overRefusal)}`;
      parts.push(
        `<circle class="pt" cx="${r1(X(p.overRefusal))}" cy="${r1(Y(p.asr))}" r="3.5"><title>${escapeHtml(tip)}</title></circle>`,
      );
      const isOperating = p.asr === operating.asr && p.overRefusal === operating.overRefusal;
      if ((i % every === 0 || i === sorted.length - 1) && !isOperating)
        parts.push(svgText(X(p.overRefusal) + 6, Y(p.asr) - 6, String(p.threshold), "ptlbl", "start"));
    });
  }
  if (Number.isFinite(operating.asr) && Number.isFinite(operating.overRefusal)) {
    const ox = X(operating.overRefusal);
    const oy = Y(operating.asr);
    const tip = `${operating.label}: attack success ${pct(operating.asr)}, over-refusal ${pct(operating.overRefusal)}`;
    parts.push(
      `<circle class="op-ring" cx="${r1(ox)}" cy="${r1(oy)}" r="9"><title>${escapeHtml(tip)}</title></circle>`,
    );
    parts.push(`<circle class="op" cx="${r1(ox)}" cy="${r1(oy)}" r="4"/>`);
    const anchor = ox > width * 0.65 ? "end" : "start";
    // Above and to the side: a falling curve leaves the upper right of any of its points empty.
    parts.push(svgText(ox + (anchor === "end" ? -14 : 14), oy - 14, operating.label, "oplbl", anchor));
  }
  return svgRoot(width, height, "Threshold sweep: attack success rate against over-refusal", parts.join(""));
}
