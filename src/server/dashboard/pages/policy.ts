/** The effective policy, explained: its sources, the rule in force per category and stage, and the YAML. */
import { explainPolicy } from "../../../policy/explain.js";
import type { LoadedPolicy } from "../../../policy/load.js";
import { displayFile } from "../../../policy/problems.js";
import { categoriesOf, ruleTable } from "../../../policy/rules.js";
import type { ResolvedRule } from "../../../policy/schema.js";
import { STAGES } from "../../../policy/stages.js";
import { h, keyValues, panel } from "../html/components.js";
import { fmtDuration, fmtInt } from "../html/format.js";
import { renderPage, type Chrome } from "../html/layout.js";

function cell(rule: ResolvedRule): string {
  if (rule.action === "allow") return `<td title="allowed">allow</td>`;
  const t = rule.allowTransformations.length > 0 ? ` · exempt: ${rule.allowTransformations.join(", ")}` : "";
  return `<td class="r-${h(rule.action)}" title="${h(`${rule.action} at score ≥ ${rule.threshold}${t}`)}">${h(rule.action)} ≥ ${rule.threshold}${t ? " *" : ""}</td>`;
}

export function renderPolicy(input: { chrome: Chrome; loaded: LoadedPolicy }): string {
  const { chrome, loaded } = input;
  const p = loaded.policy;
  const table = ruleTable(p);
  const rows = categoriesOf(p)
    .map((c) => {
      const row = table.get(c.id);
      if (!row) return "";
      return (
        `<tr><td class="cat">${h(c.title)}${c.builtin ? "" : ' <span class="chip">custom</span>'}<span class="sub">${h(c.id)}</span></td>` +
        STAGES.map((s) => cell(row[s])).join("") +
        `</tr>`
      );
    })
    .join("");
  const grid =
    `<table class="rules" id="rules"><thead><tr><th>Category</th>${STAGES.map((s) => `<th>${h(s)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
  const rl = p.rateLimits;
  const rateText = (r: { limit: number; windowMs: number } | null) =>
    r ? `${fmtInt(r.limit)} per ${fmtDuration(r.windowMs)}` : "off";
  const facts = keyValues([
    ["Name", h(p.name)],
    ["Version", `<code>${h(loaded.version)}</code>`],
    ["Sources", loaded.sources.map((s) => `<code>${h(displayFile(s))}</code>`).join(" ← ")],
    ["Description", p.description ? h(p.description) : '<span class="sub">–</span>'],
    ["Default rule", `${h(p.defaults.action)} ≥ ${p.defaults.threshold}`],
    [
      "Detectors",
      p.detectors.enabled.length > 0
        ? p.detectors.enabled.map((d) => `<span class="chip">${h(d)}</span>`).join("")
        : "all registered" +
          (p.detectors.disabled.length > 0 ? `, except ${p.detectors.disabled.map(h).join(", ")}` : ""),
    ],
    ["Redaction", h(p.redaction.mode)],
    ["Size limit", `${fmtInt(p.limits.maxChars)} characters, then ${h(p.limits.onOversize)}`],
    [
      "Rate limits",
      rl.enabled ? `user ${h(rateText(rl.user.requests))} · key ${h(rateText(rl.key.requests))}` : "off",
    ],
    [
      "Escalation",
      `${h(p.escalation.mode)}, timeout ${h(fmtDuration(p.escalation.timeoutMs))} then ${h(p.escalation.onTimeout)}`,
    ],
  ]);
  const body =
    `<div class="cols"><div>` +
    panel("Rules by category and stage", grid, {
      lead: "The rule in force for each category at each stage: a finding scoring at or above the threshold triggers the action. * = requests to translate, summarise or classify supplied text are exempt.",
    }) +
    `</div><div>` +
    panel("Policy", facts) +
    `</div></div>` +
    panel(
      "Effective policy (YAML)",
      `<details><summary>Show the merged policy, as it loads back</summary><pre class="text-block">${h(explainPolicy(loaded))}</pre></details>`,
      { lead: "Every extends: merged, defaults applied." },
    );
  return renderPage({
    title: "Policy",
    active: "policy",
    chrome,
    subtitle: `${p.name} · version ${loaded.version}`,
    body,
  });
}
