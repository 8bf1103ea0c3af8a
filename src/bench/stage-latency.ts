/**
 * Per-detector latency (median and p99, µs) on 200-character, 2 KB and 20 KB texts, and the whole
 * deterministic input stage (normalisation + every input detector + decision) under the default policy,
 * and the default policy's check pair back to back and after the thread has been idle (idle-latency.ts).
 */
import { createGuard } from "../guard/create-guard.js";
import { normalize } from "../text/normalize.js";
import type { DetectorContext } from "../detectors/types.js";
import { bytesPerCall } from "./allocation.js";
import { benchTexts, SIZES } from "./corpus.js";
import { idleRows } from "./idle-latency.js";
import { fmtUs, measure } from "./timing.js";
import type { BenchModule } from "./types.js";

const label = (n: number) => (n >= 1024 ? `${n / 1024} KB` : `${n} chars`);

export const run: BenchModule = async (ctx) => {
  // The default policy with every detector on, the trained classifiers included (default leaves them off).
  const guard = await createGuard({
    policy: { extends: "default", name: "default-all", detectors: { disabled: [] } },
  });
  // The deterministic stage: the same policy with only the "fast" (pattern and checksum) detectors.
  const fast = guard.registry
    .all()
    .filter((d) => d.cost === "fast")
    .map((d) => d.name);
  const fastGuard = await createGuard({
    policy: { extends: "default", name: "default-fast", detectors: { enabled: fast } },
  });
  const hasModels = fast.length < guard.registry.all().length;
  const texts = benchTexts(ctx.dataDir);
  const iterations = ctx.quick ? 300 : 3000;
  const rows: string[] = [];
  const detectorCtx: DetectorContext = { stage: "input", settings: guard.policy };

  for (const kind of ["chat", "prose"] as const) {
    for (const size of SIZES) {
      const text = texts[kind][size] as string;
      const its = size > 10_000 ? Math.ceil(iterations / 5) : iterations;
      const norm = await measure(() => normalize(text), { iterations: its });
      rows.push(`| ${kind} | ${label(size)} | normalize | ${fmtUs(norm.medianUs)} | ${fmtUs(norm.p99Us)} |`);
      const normalized = normalize(text);
      for (const d of guard.registry.all()) {
        const s = await measure(() => d.detect(normalized, detectorCtx), { iterations: its });
        rows.push(`| ${kind} | ${label(size)} | ${d.name} | ${fmtUs(s.medianUs)} | ${fmtUs(s.p99Us)} |`);
      }
      const det = await measure(() => fastGuard.check("input", text), { iterations: its });
      const bold = (name: string, m: { medianUs: number; p99Us: number }) =>
        `| ${kind} | ${label(size)} | **${name}** | **${fmtUs(m.medianUs)}** | **${fmtUs(m.p99Us)}** |`;
      rows.push(bold("deterministic input stage", det));
      ctx.log(`stage ${kind} ${label(size)}: deterministic p99 ${fmtUs(det.p99Us)} µs`);
      if (hasModels) {
        const all = await measure(() => guard.check("input", text), { iterations: its });
        rows.push(bold("whole input stage (with trained models)", all));
      }
    }
  }
  // Memory allocated per check with the default policy (the classifiers off), on the proxy benchmark's
  // texts: what the garbage collector has to reclaim for each request.
  const defaultGuard = await createGuard({ policy: "default" });
  const question = texts.chat[200] as string;
  const answer = (texts.prose[2048] as string).slice(0, 1000);
  const calls = ctx.quick ? 300 : 3000;
  const inputKb = (await bytesPerCall(() => defaultGuard.checkInput(question), calls)) / 1024;
  const outputKb = (await bytesPerCall(() => defaultGuard.checkOutput(answer), calls)) / 1024;
  const idle = await idleRows(
    () => defaultGuard.checkInput(question).then(() => defaultGuard.checkOutput(answer)),
    ctx.quick ? 50 : 300,
  );
  ctx.log(`stage: check pair after 10 ms idle p50 ${fmtUs(idle.pairAfter10.medianUs)} µs`);
  const markdown = [
    `Texts: "chat" mixes first user turns from hh-rlhf-helpful-test with fake personal data, a fake key and a`,
    `link every fourth turn; "prose" is a slice of wikipedia-articles-sample. Each detector runs on the`,
    `already-normalised text. The deterministic input stage is \`guard.check("input", text)\` with the default`,
    `policy restricted to the pattern-and-checksum detectors (${fast.join(", ")}): normalisation, those`,
    `detectors, decision and redaction. The whole input stage adds the trained models. ${iterations} calls per`,
    `cell after warm-up (a fifth of that on 20 KB). Target: deterministic input stage p99 < 500 µs on 2 KB.`,
    `A trained model's row here times only its scoring: the featurised text is cached on the normalised`,
    `text after the first call, and every model shares it. Per-model cost including featurisation is in the`,
    `classifiers section below; the whole-stage rows include it.`,
    "",
    "| text | size | step | median µs | p99 µs |",
    "|---|---|---|---:|---:|",
    ...rows,
    "",
    `Memory allocated per check, default policy (V8's sampling heap profiler over ${calls} calls, objects already`,
    `collected included; src/bench/allocation.ts): input check of the proxy benchmark's 200-character chat turn`,
    `**${inputKb.toFixed(1)} KB**, output check of its 1,000-character answer **${outputKb.toFixed(1)} KB**.`,
    "",
    idle.markdown,
  ].join("\n");
  return { title: "Latency: detectors and the input stage", markdown };
};
