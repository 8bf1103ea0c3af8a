/** The summary table printed at the end of `scan`. */
export class ScanSummary {
  records = 0;
  texts = 0;
  badLines = 0;
  readonly actions = new Map<string, number>();
  readonly categories = new Map<string, number>();
  private readonly started = performance.now();

  add(action: string, categories: Iterable<string>): void {
    this.texts++;
    this.actions.set(action, (this.actions.get(action) ?? 0) + 1);
    for (const c of new Set(categories)) this.categories.set(c, (this.categories.get(c) ?? 0) + 1);
  }

  render(): string {
    const secs = (performance.now() - this.started) / 1000;
    const rows: Array<[string, string]> = [
      ["records", String(this.records)],
      ["texts checked", String(this.texts)],
      ["bad lines", String(this.badLines)],
      ...["allow", "modify", "block", "escalate"].map((a): [string, string] => [
        a,
        String(this.actions.get(a) ?? 0),
      ]),
      ...[...this.categories.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]): [string, string] => [`  reason: ${c}`, String(n)]),
      ["throughput", `${secs > 0 ? (this.texts / secs).toFixed(0) : "-"} texts/s`],
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    const line = `+${"-".repeat(w + 2)}+${"-".repeat(12)}+`;
    return [line, ...rows.map(([k, v]) => `| ${k.padEnd(w)} | ${v.padStart(10)} |`), line].join("\n");
  }
}
