/** Describes a training source for model cards and cross-source evaluation. */
export type SourceRole = "positive" | "negative" | "mixed";

export interface SourceInfo {
  /** The `source` value its examples carry. */
  name: string;
  role: SourceRole;
  /** One line: what the examples are and how they were selected. */
  description: string;
}
