import { describe, expect, it } from "vitest";
import { barChart, columnBars, progressBar, scoreBar } from "./bars.js";
import { timeSeriesChart } from "./time-series.js";

const starts = [0, 3_600_000, 7_200_000, 10_800_000];

describe("time-series charts", () => {
  it("draw one hover column per bucket with every series' value, and break lines at gaps", () => {
    const svg = timeSeriesChart({
      label: "rates",
      starts,
      bucketMs: 3_600_000,
      series: [
        { name: "a<b>", cls: "s0", values: [0.1, null, 0.3, 0.2] },
        { name: "c", cls: "s1", values: [0, 0, 0, 0] },
      ],
      kind: "lines",
      format: (v) => `${v}`,
    });
    expect(svg.match(/class="hit"/g)).toHaveLength(4);
    expect(svg).toContain('data-tip="1970-01-01 01:00:00 UTC – 02:00:00 UTC\na&lt;b&gt;: no data\nc: 0"');
    expect(svg).not.toContain("<b>");
    const path = /<path class="line s0" d="([^"]+)"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2); // a gap at the missing value
    expect(svg.match(/<circle class="dot s0"/g)).toHaveLength(3);
  });

  it("stack areas and columns, with whole-number ticks for counts", () => {
    const series = [
      { name: "allow", cls: "a-allow", values: [1, 1, 0, 1] },
      { name: "block", cls: "a-block", values: [0, 1, 0, 1] },
    ];
    const area = timeSeriesChart({
      label: "t",
      starts,
      bucketMs: 3_600_000,
      series,
      kind: "stacked",
      format: String,
      integer: true,
    });
    expect(area.match(/<path class="area/g)).toHaveLength(2);
    const ticks = [...area.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(ticks).toEqual(["0", "1", "2"]); // the top of the stack is 2: no 0.5 steps for counts
    const cols = timeSeriesChart({
      label: "t",
      starts,
      bucketMs: 3_600_000,
      series,
      kind: "columns",
      format: String,
      integer: true,
    });
    expect(cols.match(/<rect class="column/g)).toHaveLength(5); // zero values draw nothing
  });
});

describe("bar charts", () => {
  it("draw segments in proportion, link labels, and escape text", () => {
    const svg = barChart({
      label: "x",
      width: 600,
      rows: [
        {
          label: "<cat>",
          href: "/d/events?category=a&b",
          segments: [
            { name: "blocked", cls: "a-block", value: 3 },
            { name: "modified", cls: "a-modify", value: 1 },
          ],
        },
        {
          label: "two",
          segments: [
            { name: "blocked", cls: "a-block", value: 2 },
            { name: "modified", cls: "a-modify", value: 0 },
          ],
        },
      ],
    });
    expect(svg).toContain('<a href="/d/events?category=a&amp;b"><text');
    expect(svg).toContain("&lt;cat&gt;");
    const widths = [...svg.matchAll(/<rect class="a-block" x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths[0]! / widths[1]!).toBeCloseTo(1.5, 1);
    expect(svg).toContain('class="legend"');
  });

  it("clamp scores and progress into their bars", () => {
    expect(scoreBar(1.7)).toContain('class="score-hi" x="0" y="1" width="120"');
    expect(scoreBar(0.6)).toContain("score-mid");
    expect(scoreBar(Number.NaN)).toContain("score-lo");
    expect(progressBar(5, 10, 100)).toContain('width="50"');
    expect(progressBar(5, 0, 100)).toContain('class="bar-fill" x="0" y="0" width="0"');
    expect(
      columnBars({ label: "m", values: [0, 4, 2], tips: ["a", "b", "c"] }).match(/class="hit"/g),
    ).toHaveLength(3);
  });
});
