/** A benchmark section: each bench module measures one thing and returns Markdown for BENCHMARKS.md. */
export interface BenchContext {
  /** Root of the shared datasets (GUARDSTACK_DATA, default ../shared/datasets). */
  dataDir: string;
  /** Fewer iterations, for a smoke run. */
  quick: boolean;
  log(message: string): void;
}

export interface BenchSection {
  title: string;
  /** Markdown body: tables and a line naming the data and the command. */
  markdown: string;
}

export type BenchModule = (ctx: BenchContext) => Promise<BenchSection>;
