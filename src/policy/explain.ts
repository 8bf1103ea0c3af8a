/**
 * `explain`: the effective policy after every `extends:` is merged, as YAML that loads back to the
 * same policy (same version), headed by comments naming its sources and a table of the rule in
 * force for each category at each stage.
 */
import { Document, isScalar, visit } from "yaml";
import type { LoadedPolicy } from "./load.js";
import type { ResolvedRule } from "./schema.js";
import { categoriesOf, ruleTable } from "./rules.js";
import { STAGES } from "./stages.js";
import { displayFile } from "./problems.js";

function cell(rule: ResolvedRule): string {
  if (rule.action === "allow") return "allow";
  return `${rule.action}@${rule.threshold}${rule.allowTransformations.length > 0 ? "*" : ""}`;
}

/** The category × stage table, one line per category, as plain text. */
export function ruleTableText(loaded: LoadedPolicy): string[] {
  const table = ruleTable(loaded.policy);
  const rows = categoriesOf(loaded.policy).map((c) => {
    const row = table.get(c.id)!;
    return [c.builtin ? c.id : `${c.id} (custom)`, ...STAGES.map((s) => cell(row[s]))];
  });
  const header = ["category", ...STAGES];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** Block YAML, with short lists and small mappings of scalars on one line (`{ action: allow }`). */
function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_key, node) {
      if (node.items.length <= 2 && node.items.every((p) => isScalar(p.value))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 100 });
}

export function explainPolicy(loaded: LoadedPolicy): string {
  const { policy } = loaded;
  const header = [
    `Effective policy "${policy.name}", version ${loaded.version}`,
    `Sources: ${loaded.sources.map(displayFile).join(" <- ")}`,
    "(merged base first: mappings merge key by key; lists and scalars of a policy replace its base's)",
    "",
    "Rule in force per category and stage, as action@threshold. A finding scoring at or above the",
    "threshold triggers the action; below it, nothing. * = requests to translate, summarise or",
    "classify supplied text are exempt (see allowTransformations).",
    "",
    ...ruleTableText(loaded),
  ];
  const body = toYaml(policy);
  return `${header.map((l) => (l === "" ? "#" : `# ${l}`)).join("\n")}\n\n${body}`;
}
