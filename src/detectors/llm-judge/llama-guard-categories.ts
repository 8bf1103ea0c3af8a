/**
 * The Llama Guard 3 hazard categories, S1–S14, as the model was trained to name them, each mapped to
 * its id in our taxonomy through the taxonomy's `mlcommons` code. The names are the model's own (its
 * prompt must list them exactly), which is why they are kept here rather than taken from the titles.
 */
import { BUILTIN_CATEGORIES } from "../../policy/taxonomy.js";

export interface LlamaGuardCategory {
  /** The code the model answers with, e.g. "S1". */
  code: string;
  /** The name listed in the prompt, e.g. "Violent Crimes". */
  name: string;
  /** Our category id, e.g. "violent-crimes". */
  category: string;
  /** Optional policy text under the name (custom categories via prompting; Llama Guard 3's own has none). */
  description?: string;
}

const NAMES: ReadonlyArray<readonly [string, string]> = [
  ["S1", "Violent Crimes"],
  ["S2", "Non-Violent Crimes"],
  ["S3", "Sex Crimes"],
  ["S4", "Child Exploitation"],
  ["S5", "Defamation"],
  ["S6", "Specialized Advice"],
  ["S7", "Privacy"],
  ["S8", "Intellectual Property"],
  ["S9", "Indiscriminate Weapons"],
  ["S10", "Hate"],
  ["S11", "Self-Harm"],
  ["S12", "Sexual Content"],
  ["S13", "Elections"],
  ["S14", "Code Interpreter Abuse"],
];

function categoryFor(code: string): string {
  const info = BUILTIN_CATEGORIES.find((c) => c.mlcommons === code);
  if (!info) throw new Error(`taxonomy has no category for Llama Guard code ${code}`);
  return info.id;
}

export const LLAMA_GUARD_3_CATEGORIES: readonly LlamaGuardCategory[] = NAMES.map(([code, name]) => ({
  code,
  name,
  category: categoryFor(code),
}));
