/**
 * Time-series charts as inline SVG: lines (rates, latency percentiles; a gap where a bucket has no
 * value) or stacked areas (traffic by action). One column per time bucket; hovering a column shows
 * every series' value there (the page script reads `data-tip`). Colours are CSS classes.
 */
import { niceMax, r1, ticks } from "../../../eval/report/html/svg.js";
import { h } from "../html/components.js";
import { fmtAxisTime, fmtUtc } from "../html/format.js";

export interface TimeSeries {
  name: string;
  /** CSS class giving the colour: s0..s7, or a-allow / a-block / ... for actions. */
  cls: string;
  /** One value per bucket; null where there is nothing to show. */
  values: ReadonlyArray<number | null>;
}

export interface TimeSeriesChartInput {
  /** Read by screen readers. */
  label: string;
  /** Start of each bucket, epoch ms. */
  starts: readonly number[];
  bucketMs: number;
  series: readonly TimeSeries[];
  /** Lines; stacked areas; or stacked columns (for sparse counts, e.g. incidents per day). */
  kind: "lines" | "stacked" | "columns";
  /** Tick and tooltip values. */
  format: (v: number) => string;
  /** Top of the y axis; default a round number over the largest value. */
  yMax?: number;
  /** Counts: only whole-number ticks. */
  integer?: boolean;
  width?: number;
  height?: number;
}

const PAD = { left: 52, right: 12, top: 12, bottom: 26 };

export function legend(series: ReadonlyArray<{ name: string; cls: string }>): string {
  return `<div class="legend">${series.map((s) => `<span><i class="${h(s.cls)}"></i>${h(s.name)}</span>`).join("")}</div>`;
}

/** Path through the points, broken where a value is missing. */
function linePath(xs: readonly number[], ys: ReadonlyArray<number | null>): string {
  let d = "";
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${r1(xs[i] as number)} ${r1(y)}`;
    pen = true;
  }
  return d;
}

export function timeSeriesChart(input: TimeSeriesChartInput): string {
  const W = input.width ?? 580;
  const H = input.height ?? 220;
  const n = input.starts.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const col = n > 0 ? plotW / n : plotW;
  const xs = input.starts.map((_, i) => PAD.left + (i + 0.5) * col);

  // Stacked: cumulative tops per series; lines: the values themselves.
  const tops: Array<Array<number | null>> = [];
  const running = new Array<number>(n).fill(0);
  for (const s of input.series) {
    if (input.kind !== "lines") {
      tops.push(
        s.values.map((v, i) => {
          running[i] = (running[i] as number) + (v ?? 0);
          return running[i];
        }),
      );
    } else tops.push([...s.values]);
  }
  let dataMax = 0;
  for (const t of tops) for (const v of t) if (v !== null && v > dataMax) dataMax = v;
  const yMax = input.yMax ?? (input.integer ? Math.max(1, niceMax(dataMax)) : niceMax(dataMax));
  const y = (v: number) => PAD.top + plotH - (Math.min(v, yMax) / yMax) * plotH;

  let body = "";
  for (const t of ticks(yMax).filter((v) => !input.integer || Number.isInteger(v))) {
    const ty = r1(y(t));
    body += `<line class="gridline" x1="${PAD.left}" x2="${W - PAD.right}" y1="${ty}" y2="${ty}"/>`;
    body += `<text x="${PAD.left - 8}" y="${r1(ty + 4)}" text-anchor="end">${h(input.format(t))}</text>`;
  }
  body += `<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>`;
  const every = Math.max(1, Math.ceil(n / 6));
  for (let i = 0; i < n; i += every)
    body += `<text x="${r1(xs[i] as number)}" y="${H - 8}" text-anchor="middle">${h(fmtAxisTime(input.starts[i] as number, input.bucketMs))}</text>`;

  if (input.kind === "columns") {
    const w = Math.max(1, col * 0.7);
    input.series.forEach((s, k) => {
      const top = tops[k] as number[];
      s.values.forEach((v, i) => {
        if (!v) return;
        const y1 = y(top[i] as number);
        const y0 = y((top[i] as number) - v);
        body += `<rect class="column ${h(s.cls)}" x="${r1((xs[i] as number) - w / 2)}" y="${r1(y1)}" width="${r1(w)}" height="${r1(Math.max(1, y0 - y1))}"/>`;
      });
    });
  } else if (input.kind === "stacked") {
    // Draw from the top layer down so each lower layer paints over the one above it.
    for (let k = input.series.length - 1; k >= 0; k--) {
      const top = tops[k] as number[];
      if (n === 0) continue;
      const first = xs[0] as number;
      const last = xs[n - 1] as number;
      const half = n === 1 ? col / 2 : 0;
      const pts = top.map((v, i) => `${r1(xs[i] as number)} ${r1(y(v))}`);
      const d =
        `M${r1(first - half)} ${r1(y(0))}L${r1(first - half)} ${r1(y(top[0] as number))}L${pts.join("L")}` +
        `L${r1(last + half)} ${r1(y(top[n - 1] as number))}L${r1(last + half)} ${r1(y(0))}Z`;
      body += `<path class="area ${h((input.series[k] as TimeSeries).cls)}" d="${d}"/>`;
    }
  } else {
    input.series.forEach((s, k) => {
      const ys = (tops[k] as Array<number | null>).map((v) => (v === null ? null : y(v)));
      body += `<path class="line ${h(s.cls)}" d="${linePath(xs, ys)}"/>`;
      if (n <= 48)
        ys.forEach((v, i) => {
          if (v !== null)
            body += `<circle class="dot ${h(s.cls)}" cx="${r1(xs[i] as number)}" cy="${r1(v)}" r="2.6"/>`;
        });
    });
  }

  // Hover columns: the bucket's time span and every series' value.
  for (let i = 0; i < n; i++) {
    const start = input.starts[i] as number;
    const lines = [`${fmtUtc(start)} – ${fmtUtc(start + input.bucketMs).slice(11)}`];
    for (const s of input.series) {
      const v = s.values[i];
      lines.push(`${s.name}: ${v === null || v === undefined ? "no data" : input.format(v)}`);
    }
    body +=
      `<rect class="hit" x="${r1(PAD.left + i * col)}" y="${PAD.top}" width="${r1(col)}" height="${r1(plotH)}" ` +
      `data-tip="${h(lines.join("\n"))}"/>`;
  }

  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${h(input.label)}">${body}</svg>` +
    legend(input.series)
  );
}
