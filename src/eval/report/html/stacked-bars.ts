import { escapeHtml } from "../escape.js";
import { pct } from "../format.js";
import { FULL_WIDTH, labelWidth, r1, svgRoot, svgText } from "./svg.js";

export interface StackSegment {
  label: string;
  cls: string;
}

export interface StackRow {
  label: string;
  /** One count per segment, in the segments' order. */
  counts: number[];
}

const BAR = 20;
const GAP = 10;
const TOP = 6;

/**
 * 100%-stacked horizontal bars: how a row's cases split across segments (e.g. the layer that stopped
 * each attack). Shares are printed inside segments wide enough to hold them; every segment has a tooltip.
 */
export function stackedBars(
  rows: readonly StackRow[],
  segments: readonly StackSegment[],
  options: { ariaLabel: string; unit: string; width?: number },
): string {
  const width = options.width ?? FULL_WIDTH;
  const x0 = labelWidth(
    rows.map((r) => r.label),
    34,
    width,
  );
  const x1 = width - 60;
  const parts: string[] = [];
  let y = TOP;
  for (const row of rows) {
    const total = row.counts.reduce((s, c) => s + c, 0);
    parts.push(svgText(x0 - 10, y + BAR / 2 + 4, row.label, "lbl", "end", 34));
    if (total === 0) {
      parts.push(
        `<rect class="track" x="${r1(x0)}" y="${r1(y)}" width="${r1(x1 - x0)}" height="${BAR}" rx="4"/>`,
      );
      parts.push(svgText(x0 + 8, y + BAR / 2 + 4, "no cases", "nodata", "start"));
    } else {
      let x = x0;
      row.counts.forEach((c, i) => {
        if (c === 0) return;
        const seg = segments[i]!;
        const w = ((x1 - x0) * c) / total;
        const share = c / total;
        const tip = `${row.label} · ${seg.label}: ${c} of ${total} ${options.unit} (${pct(share)})`;
        parts.push(
          `<rect class="seg ${seg.cls}" x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${BAR}"><title>${escapeHtml(tip)}</title></rect>`,
        );
        if (w >= 38) parts.push(svgText(x + w / 2, y + BAR / 2 + 4, pct(share, 0), "seglbl", "middle"));
        x += w;
      });
    }
    parts.push(svgText(x1 + 8, y + BAR / 2 + 4, `n=${total}`, "val", "start"));
    y += BAR + GAP;
  }
  return svgRoot(width, y - GAP + TOP, options.ariaLabel, parts.join(""));
}
