/**
 * Secrets quality: recall of the `secrets` detector on gitleaks' rule samples, false positives on
 * benign corpora (shell docs, code, prose, web text), and detector latency.
 *
 * Recall has two sources, reported separately:
 *  - literal samples: the true/false-positive strings written in gitleaks' rule tests
 *    (rule_samples_extracted.json; most rules have none, since gitleaks generates positives);
 *  - generated samples: strings drawn from each gitleaks.toml regex by our own sampler
 *    (detectors/secrets/sample-from-regex.ts), kept only if RE2 confirms the regex matches, the text
 *    holds one of the rule's keywords and the captured secret meets the rule's entropy floor: what
 *    gitleaks itself would report.
 * "Covered" rules are the gitleaks rule ids our rule table claims (SecretRule.gitleaks).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import RE2 from "re2";
import { findSecrets } from "../detectors/secrets/detector.js";
import { shannonEntropy } from "../detectors/secrets/entropy.js";
import { SECRET_RULES } from "../detectors/secrets/rules.js";
import { prng, sampleRegex } from "../detectors/secrets/sample-from-regex.js";
import { defaultDetectorSettings } from "../policy/detector-settings.js";
import { normalize } from "../text/normalize.js";
import type { Finding } from "../detectors/types.js";
import type { GuardText } from "../text/types.js";
import { benchTexts, SIZES } from "./corpus.js";
import { fmtUs, measure } from "./timing.js";
import type { BenchContext, BenchModule, BenchSection } from "./types.js";

/** The policy's default threshold: findings below it would not act. */
const THRESHOLD = 0.5;
const SETTINGS = defaultDetectorSettings().secrets;

/** The detector sees what the guard gives it: the normalised text with all its views. */
function toGuardText(text: string): GuardText {
  return normalize(text);
}

function allFindings(text: string): Finding[] {
  return findSecrets(toGuardText(text), SETTINGS);
}

function flags(text: string): Finding[] {
  return allFindings(text).filter((f) => f.score >= THRESHOLD);
}

// --- gitleaks data

interface SampleRule {
  rule_id: string;
  true_positive_literals: string[];
  false_positive_literals: string[];
}

interface TomlRule {
  id: string;
  regex?: string;
  entropy?: number;
  secretGroup?: number;
  keywords: string[];
}

const TOML_ID_RE = /^id = "([^"]+)"/;
const TOML_REGEX_RE = /^regex = '''(.*)'''$/;
const TOML_ENTROPY_RE = /^entropy = ([\d.]+)/;
const TOML_GROUP_RE = /^secretGroup = (\d+)/;
const TOML_STRING_RE = /"([^"]*)"/g;

/** The regexes this module runs, for the global ReDoS check. */
export const PATTERNS: readonly RegExp[] = [
  TOML_ID_RE,
  TOML_REGEX_RE,
  TOML_ENTROPY_RE,
  TOML_GROUP_RE,
  TOML_STRING_RE,
];

/** The [[rules]] tables of gitleaks.toml: id, regex, entropy, secretGroup, keywords. */
export function parseGitleaksToml(toml: string): TomlRule[] {
  const rules: TomlRule[] = [];
  let cur: TomlRule | null = null;
  let inSub = false;
  let inKeywords = false;
  for (const line of toml.split("\n")) {
    if (line.startsWith("[[rules]]")) {
      cur = { id: "", keywords: [] };
      rules.push(cur);
      inSub = false;
      continue;
    }
    if (cur && !inSub && (inKeywords || line.startsWith("keywords = ["))) {
      for (const m of line.matchAll(TOML_STRING_RE)) cur.keywords.push((m[1] as string).toLowerCase());
      inKeywords = !line.includes("]");
      continue;
    }
    if (line.startsWith("[")) {
      inSub = true;
      continue;
    }
    if (!cur || inSub) continue;
    const id = TOML_ID_RE.exec(line);
    if (id) cur.id = id[1] as string;
    const re = TOML_REGEX_RE.exec(line);
    if (re) cur.regex = re[1];
    const en = TOML_ENTROPY_RE.exec(line);
    if (en) cur.entropy = Number(en[1]);
    const sg = TOML_GROUP_RE.exec(line);
    if (sg) cur.secretGroup = Number(sg[1]);
  }
  return rules.filter((r) => r.id !== "");
}

/** The secret gitleaks would report for a match: secretGroup, else the first non-empty group. */
function gitleaksSecret(m: RegExpExecArray, group: number | undefined): string {
  if (group !== undefined) return m[group] ?? "";
  for (let i = 1; i < m.length; i++) if (m[i]) return m[i] as string;
  return m[0];
}

/** Up to `perRule` generated positives for a rule, or [] when the sampler cannot satisfy it. */
function generatePositives(rule: TomlRule, perRule: number, seed: number): string[] {
  if (!rule.regex) return [];
  let re: RE2;
  try {
    re = new RE2(rule.regex);
  } catch {
    return [];
  }
  const rand = prng(seed);
  const out: string[] = [];
  for (let attempt = 0; attempt < perRule * 10 && out.length < perRule; attempt++) {
    let s: string;
    try {
      s = sampleRegex(rule.regex, rand);
    } catch {
      return out;
    }
    const m = re.exec(s);
    if (!m) continue;
    // gitleaks only runs a rule on text containing one of its keywords.
    const lower = s.toLowerCase();
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => lower.includes(k))) continue;
    if (rule.entropy !== undefined && shannonEntropy(gitleaksSecret(m, rule.secretGroup)) < rule.entropy)
      continue;
    out.push(s);
  }
  return out;
}

interface RecallRow {
  n: number;
  hit: number;
  /** Found by one of the rules that claim this gitleaks rule. */
  hitByClaimingRule: number;
}

const pct = (a: number, b: number): string => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

/** Labels each gitleaks rule id maps to (the rules that claim it). */
function claimedLabels(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const r of SECRET_RULES) {
    for (const g of r.gitleaks) {
      const set = map.get(g) ?? new Set<string>();
      set.add(r.id);
      for (const l of r.labels ?? []) set.add(l);
      map.set(g, set);
    }
  }
  return map;
}

function recallOn(samples: Map<string, string[]>, claimed: Map<string, Set<string>>) {
  const perRule = new Map<string, RecallRow>();
  for (const [ruleId, texts] of samples) {
    const row: RecallRow = { n: 0, hit: 0, hitByClaimingRule: 0 };
    const labels = claimed.get(ruleId);
    for (const t of texts) {
      const f = flags(t);
      row.n++;
      if (f.length > 0) row.hit++;
      if (labels && f.some((x) => labels.has(x.label ?? ""))) row.hitByClaimingRule++;
    }
    if (row.n > 0) perRule.set(ruleId, row);
  }
  const sum = (filter: (id: string) => boolean): RecallRow => {
    const acc: RecallRow = { n: 0, hit: 0, hitByClaimingRule: 0 };
    for (const [id, r] of perRule) {
      if (!filter(id)) continue;
      acc.n += r.n;
      acc.hit += r.hit;
      acc.hitByClaimingRule += r.hitByClaimingRule;
    }
    return acc;
  };
  return {
    perRule,
    all: sum(() => true),
    covered: sum((id) => claimed.has(id)),
    uncovered: sum((id) => !claimed.has(id)),
    rulesAll: perRule.size,
    rulesCovered: [...perRule.keys()].filter((id) => claimed.has(id)).length,
  };
}

function recallTable(r: ReturnType<typeof recallOn>): string {
  const row = (name: string, rules: number, x: RecallRow) =>
    `| ${name} | ${rules} | ${x.n} | ${x.hit} | ${pct(x.hit, x.n)} | ${pct(x.hitByClaimingRule, x.n)} |`;
  return [
    "| rules | gitleaks rules with samples | samples | detected | recall (any label) | recall (claiming rule's label) |",
    "|---|---:|---:|---:|---:|---:|",
    row("all", r.rulesAll, r.all),
    row("covered by our families", r.rulesCovered, r.covered),
    row("not covered", r.rulesAll - r.rulesCovered, r.uncovered),
  ].join("\n");
}

// --- benign corpora

interface Corpus {
  name: string;
  docs: string[];
}

function jsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function benignCorpora(dataDir: string): Corpus[] {
  const str = (v: unknown): string => (typeof v === "string" ? v : "");
  return [
    {
      name: "tldr-pages (shell docs)",
      docs: jsonl(join(dataDir, "tldr-pages", "tldr_pages_en.jsonl")).map((o) => str(o.markdown)),
    },
    {
      name: "humaneval (Python code)",
      docs: jsonl(join(dataDir, "humaneval", "HumanEval.jsonl")).map(
        (o) => str(o.prompt) + str(o.canonical_solution) + str(o.test),
      ),
    },
    {
      name: "wikipedia-articles-sample (prose)",
      docs: readFileSync(join(dataDir, "wikipedia-articles-sample", "wiki_demo.txt"), "utf8")
        .split("\n")
        .filter((l) => l.trim()),
    },
    {
      name: "c4-sample (web text)",
      docs: jsonl(join(dataDir, "c4-sample", "c4_demo.jsonl")).map((o) => str(o.text)),
    },
    {
      name: "bipia code contexts (Stack Exchange answers, tracebacks)",
      docs: ["code_train.jsonl", "code_test.jsonl"].flatMap((f) =>
        jsonl(join(dataDir, "bipia", f)).map((o) =>
          ["error", "code", "context"]
            .map((k) => (Array.isArray(o[k]) ? (o[k] as unknown[]).join("\n") : ""))
            .join("\n"),
        ),
      ),
    },
    {
      name: "bipia emails and tables",
      docs: ["email_train.jsonl", "email_test.jsonl", "table_train.jsonl", "table_test.jsonl"].flatMap((f) =>
        jsonl(join(dataDir, "bipia", f)).map((o) => str(o.context)),
      ),
    },
  ];
}

// --- latency

function codeText(dataDir: string, size: number): string {
  let code = "";
  for (const o of jsonl(join(dataDir, "humaneval", "HumanEval.jsonl"))) {
    code += String(o.prompt) + String(o.canonical_solution) + "\n";
    if (code.length > size + 1000) break;
  }
  return code.slice(0, size);
}

/** Spins for `us` microseconds: a control for scheduler noise in the p99 column. */
function busyWait(us: number): number {
  const t0 = process.hrtime.bigint();
  let spins = 0;
  while (Number(process.hrtime.bigint() - t0) / 1000 < us) spins++;
  return spins;
}

export const run: BenchModule = async (ctx: BenchContext): Promise<BenchSection> => {
  const dir = join(ctx.dataDir, "gitleaks-rules");
  const claimed = claimedLabels();
  const out: string[] = [];

  // Literal samples.
  const literal = JSON.parse(readFileSync(join(dir, "rule_samples_extracted.json"), "utf8")) as SampleRule[];
  const tpLiterals = new Map(literal.map((r) => [r.rule_id, r.true_positive_literals]));
  const litRecall = recallOn(tpLiterals, claimed);
  let fpTotal = 0;
  let fpFlagged = 0;
  const fpByLabel = new Map<string, number>();
  for (const r of literal) {
    for (const t of r.false_positive_literals) {
      fpTotal++;
      const f = flags(t);
      if (f.length === 0) continue;
      fpFlagged++;
      for (const x of f) fpByLabel.set(x.label ?? "?", (fpByLabel.get(x.label ?? "?") ?? 0) + 1);
    }
  }
  ctx.log(`secrets: literal recall ${pct(litRecall.all.hit, litRecall.all.n)}`);

  // Generated samples.
  const perRule = ctx.quick ? 2 : 5;
  const toml = parseGitleaksToml(readFileSync(join(dir, "gitleaks.toml"), "utf8"));
  const generated = new Map<string, string[]>();
  let seed = 1;
  for (const rule of toml) generated.set(rule.id, generatePositives(rule, perRule, seed++ * 7919));
  const genRecall = recallOn(generated, claimed);
  const noSamples = toml.filter((r) => (generated.get(r.id) ?? []).length === 0).map((r) => r.id);
  const weakest = [...genRecall.perRule.entries()]
    .filter(([id, r]) => claimed.has(id) && r.hit < r.n)
    .sort((a, b) => a[1].hit / a[1].n - b[1].hit / b[1].n)
    .slice(0, 12)
    .map(([id, r]) => `${id} ${r.hit}/${r.n}`);
  ctx.log(`secrets: generated recall ${pct(genRecall.all.hit, genRecall.all.n)}`);

  out.push(
    `Detector \`secrets\` (${SECRET_RULES.length} rules covering ${claimed.size} of ${toml.length} gitleaks rule ids) ` +
      `on \`normalize()\`d text, findings at score ≥ ${THRESHOLD}. Data: gitleaks \`config/gitleaks.toml\` and the rule-test literals in ` +
      "`gitleaks-rules/rule_samples_extracted.json` (commit b58d3f1, MIT).",
    "",
    "**Recall on gitleaks' literal true-positive samples**",
    "",
    recallTable(litRecall),
    "",
    `gitleaks false-positive literals flagged: **${fpFlagged} of ${fpTotal}** ` +
      `(labels: ${[...fpByLabel.entries()].map(([l, n]) => `${l} ${n}`).join(", ") || "none"}). ` +
      "Many of these are well-formed keys gitleaks allow-lists for project-specific reasons (e.g. public Google API keys).",
    "",
    `**Recall on samples generated from the gitleaks regexes** (our sampler, ${perRule} per rule, RE2-verified, ` +
      `keyword and entropy floor required; the secret part is written as the pattern spells it, names around it vary in case; ` +
      `${noSamples.length} rules yielded none)`,
    "",
    recallTable(genRecall),
    "",
    `Covered rules with misses (generated): ${weakest.join(", ") || "none"}.`,
  );

  // Benign corpora.
  const rows: string[] = [];
  const labelsFired = new Map<string, number>();
  for (const corpus of benignCorpora(ctx.dataDir)) {
    let bytes = 0;
    let flagged = 0;
    let count = 0;
    let low = 0;
    for (const d of corpus.docs) {
      bytes += Buffer.byteLength(d, "utf8");
      const every = allFindings(d);
      const f = every.filter((x) => x.score >= THRESHOLD);
      low += every.length - f.length;
      if (f.length > 0) flagged++;
      count += f.length;
      for (const x of f) labelsFired.set(x.label ?? "?", (labelsFired.get(x.label ?? "?") ?? 0) + 1);
    }
    const mb = bytes / 1e6;
    rows.push(
      `| ${corpus.name} | ${corpus.docs.length} | ${mb.toFixed(2)} | ${flagged} (${pct(flagged, corpus.docs.length)}) | ${count} | ${(count / mb).toFixed(2)} | ${low} |`,
    );
  }
  out.push(
    "",
    "**False positives on benign corpora** (every finding counts as a false positive: these sets hold no real secrets)",
    "",
    `| corpus | docs | MB | docs flagged | findings | findings / MB | findings below ${THRESHOLD} |`,
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Labels that fired: ${[...labelsFired.entries()].map(([l, n]) => `${l} ${n}`).join(", ") || "none"}.`,
  );

  // Latency.
  const texts = benchTexts(ctx.dataDir);
  const iterations = ctx.quick ? 300 : 3000;
  const lat: string[] = [];
  for (const [kind, get] of [
    ["prose", (n: number) => texts.prose[n] as string],
    ["code", (n: number) => codeText(ctx.dataDir, n)],
    ["chat + fake key", (n: number) => texts.chat[n] as string],
  ] as const) {
    for (const size of SIZES) {
      const g = toGuardText(get(size));
      const st = await measure(() => findSecrets(g, SETTINGS), { iterations, warmup: 100 });
      const noise = await measure(() => busyWait(st.medianUs), { iterations, warmup: 10 });
      lat.push(`| ${kind} | ${size} | ${fmtUs(st.medianUs)} | ${fmtUs(st.p99Us)} | ${fmtUs(noise.p99Us)} |`);
    }
  }
  out.push(
    "",
    "**Latency** of the detector alone on already-normalised text (µs; normalisation is measured in its own section; " +
      "prose from wikipedia-articles-sample, code from humaneval, chat from hh-rlhf first turns with fake keys spliced in)",
    "",
    "| text | chars | median µs | p99 µs | p99 µs of a busy loop as long as the median (machine noise) |",
    "|---|---:|---:|---:|---:|",
    ...lat,
  );

  return { title: "Secrets detector quality", markdown: out.join("\n") };
};
