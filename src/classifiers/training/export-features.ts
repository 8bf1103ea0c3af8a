/**
 * `node dist/classifiers/training/export-features.js --task harm --out DIR`: writes one task's training
 * examples (capped and split exactly as `npm run train` does) and each text's main-view features, so
 * that other model families can be compared on the same data and the same cross-source protocol
 * (training/heads/compare_heads.py). Files, all little-endian:
 *
 * - `examples.jsonl`: per example {text, label, source, lang, part} in order;
 * - `dense.f32`: the pooled static embedding, n × dims float32;
 * - `sparse.idx.i32`, `sparse.val.f32`, `sparse.ptr.i32`: the hashed n-gram block as CSR rows (n + 1
 *   row pointers), in 2^hashBits columns;
 * - `info.json`: the task, the counts, the dims and the feature config.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../../bench/data-dir.js";
import { Featurizer } from "../features/featurizer.js";
import { embedderFor } from "../model/load.js";
import { option, runIfEntry } from "./cli-option.js";
import { TASK_LOADERS } from "./datasets/index.js";
import { capPerSource } from "./prepare.js";
import { partOf } from "./splits.js";
import { taskFitOptions } from "./task-fit.js";
import { CAP_PER_SOURCE, SPLIT_SEED, TASK_SETTINGS, featureConfig } from "./task-settings.js";
import { TASKS, type Task } from "./types.js";

/** Appends typed values into one growing buffer (n-gram entries run to millions for a task). */
class Growing<T extends Float32Array | Int32Array> {
  private length = 0;
  constructor(private data: T) {}
  push(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(
        Math.max(this.data.length * 2, this.length + values.length),
      );
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
  get size(): number {
    return this.length;
  }
  bytes(): Buffer {
    return Buffer.from(this.data.buffer, 0, this.length * 4);
  }
}

function main(argv: string[]): void {
  const task = (option(argv, "--task") ?? "") as Task;
  if (!TASKS.includes(task)) throw new Error(`--task must be one of ${TASKS.join(", ")}`);
  const out = option(argv, "--out");
  if (!out) throw new Error("--out DIR is required (the folder the files are written to)");

  const config = featureConfig(true);
  const embedder = embedderFor(config);
  if (!embedder) throw new Error("the feature config has no embeddings; nothing dense to export");
  const featurizer = new Featurizer(config, embedder);
  const fit = taskFitOptions(TASK_SETTINGS[task].fit, true, null);
  const examples = capPerSource(TASK_LOADERS[task](dataDir()), CAP_PER_SOURCE, fit.train.seed);

  const lines: string[] = [];
  const dense = new Growing(new Float32Array(examples.length * embedder.dims));
  const idx = new Growing(new Int32Array(1 << 20));
  const val = new Growing(new Float32Array(1 << 20));
  const ptr = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => {
    const f = featurizer.featurizeRaw(e.text)[0]!.features;
    const part = partOf(e, SPLIT_SEED);
    lines.push(
      JSON.stringify({ text: e.text, label: e.label, source: e.source, lang: e.lang ?? null, part }),
    );
    dense.push(f.dense!);
    idx.push(f.idx);
    val.push(f.val);
    ptr[i + 1] = idx.size;
  });

  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "examples.jsonl"), `${lines.join("\n")}\n`);
  writeFileSync(join(out, "dense.f32"), dense.bytes());
  writeFileSync(join(out, "sparse.idx.i32"), idx.bytes());
  writeFileSync(join(out, "sparse.val.f32"), val.bytes());
  writeFileSync(join(out, "sparse.ptr.i32"), Buffer.from(ptr.buffer));
  const info = { task, examples: examples.length, dims: embedder.dims, hashBits: config.hashBits, config };
  writeFileSync(join(out, "info.json"), `${JSON.stringify(info, null, 2)}\n`);
  console.error(`export-features: ${task}: ${examples.length} examples to ${out}`);
}

runIfEntry("export-features", import.meta.url, main);
