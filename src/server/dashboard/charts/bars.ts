/** Horizontal bar charts (counts by category, split into segments) and the small inline bars. */
import { niceMax, r1 } from "../../../eval/report/html/svg.js";
import { h, truncate } from "../html/components.js";
import { fmtInt } from "../html/format.js";
import { legend } from "./time-series.js";

export interface BarSegment {
  name: string;
  cls: string;
  value: number;
}

export interface BarRow {
  label: string;
  /** The label links here when given. */
  href?: string;
  segments: readonly BarSegment[];
}

export function barChart(input: {
  label: string;
  rows: readonly BarRow[];
  width?: number;
  format?: (v: number) => string;
}): string {
  const W = input.width ?? 580;
  const rowH = 26;
  const format = input.format ?? fmtInt;
  const labels = input.rows.map((r) => truncate(r.label, 34));
  const labelW = Math.min(W * 0.4, Math.max(80, Math.max(0, ...labels.map((l) => l.length)) * 6.6 + 14));
  const valueW = 56;
  const plotW = W - labelW - valueW;
  const totals = input.rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0));
  const max = niceMax(Math.max(0, ...totals));
  const H = input.rows.length * rowH + 4;
  let body = "";
  input.rows.forEach((row, i) => {
    const y0 = 2 + i * rowH;
    const label = `<text x="${r1(labelW - 10)}" y="${y0 + 17}" text-anchor="end">${h(labels[i] as string)}</text>`;
    body += row.href ? `<a href="${h(row.href)}">${label}</a>` : label;
    body += `<rect class="track" x="${r1(labelW)}" y="${y0 + 6}" width="${r1(plotW)}" height="14" rx="3"/>`;
    let x = labelW;
    for (const seg of row.segments) {
      if (seg.value <= 0) continue;
      const w = (seg.value / max) * plotW;
      body +=
        `<rect class="${h(seg.cls)}" x="${r1(x)}" y="${y0 + 6}" width="${r1(Math.max(w, 1))}" height="14" rx="2" ` +
        `data-tip="${h(`${row.label}\n${seg.name}: ${format(seg.value)}`)}"/>`;
      x += w;
    }
    body += `<text x="${r1(labelW + plotW + 8)}" y="${y0 + 17}">${h(format(totals[i] as number))}</text>`;
  });
  const names = new Map<string, string>();
  for (const r of input.rows) for (const s of r.segments) if (!names.has(s.cls)) names.set(s.cls, s.name);
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${h(input.label)}">${body}</svg>` +
    (names.size > 1 ? legend([...names].map(([cls, name]) => ({ cls, name }))) : "")
  );
}

/** A score 0..1 as a short bar, coloured by how high it is. */
export function scoreBar(score: number, width = 120): string {
  const s = Math.max(0, Math.min(1, Number.isFinite(score) ? score : 0));
  const cls = s >= 0.8 ? "score-hi" : s >= 0.5 ? "score-mid" : "score-lo";
  return (
    `<svg width="${width}" height="10" viewBox="0 0 ${width} 10" role="img" aria-label="score ${s.toFixed(2)}">` +
    `<rect class="track" x="0" y="1" width="${width}" height="8" rx="4"/>` +
    `<rect class="${cls}" x="0" y="1" width="${r1(Math.max(2, s * width))}" height="8" rx="4"/></svg>`
  );
}

/** Done / total as a thin bar. */
export function progressBar(done: number, total: number, width = 140): string {
  const f = total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
  return (
    `<svg width="${width}" height="8" viewBox="0 0 ${width} 8" role="img" aria-label="${fmtInt(done)} of ${fmtInt(total)}">` +
    `<rect class="track" x="0" y="0" width="${width}" height="8" rx="4"/>` +
    `<rect class="bar-fill" x="0" y="0" width="${r1(f * width)}" height="8" rx="4"/></svg>`
  );
}

/** Column bars for counts over time (e.g. search matches), each with a tooltip. */
export function columnBars(input: {
  label: string;
  values: readonly number[];
  tips: readonly string[];
  width?: number;
  height?: number;
}): string {
  const W = input.width ?? 1180;
  const H = input.height ?? 64;
  const n = input.values.length;
  const max = Math.max(1, ...input.values);
  const col = n > 0 ? W / n : W;
  let body = `<line class="axis" x1="0" x2="${W}" y1="${H - 0.5}" y2="${H - 0.5}"/>`;
  input.values.forEach((v, i) => {
    const bh = v > 0 ? Math.max(2, (v / max) * (H - 4)) : 0;
    body +=
      `<rect class="bar-fill" x="${r1(i * col + 1)}" y="${r1(H - bh)}" width="${r1(Math.max(1, col - 2))}" height="${r1(bh)}" rx="1.5"/>` +
      `<rect class="hit" x="${r1(i * col)}" y="0" width="${r1(col)}" height="${H}" data-tip="${h(input.tips[i] ?? "")}"/>`;
  });
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${h(input.label)}">${body}</svg>`;
}
