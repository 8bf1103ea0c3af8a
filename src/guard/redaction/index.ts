/** Redaction of labelled spans (mask, placeholder, hash, vault) and the reversible vault. */
export { redact, modeFor } from "./redact.js";
export { Vault, placeholderPattern, type VaultEntry } from "./vault.js";
export { mergeItems, widenToCodePoints } from "./merge.js";
export { maskValue } from "./mask.js";
export { hashTag } from "./hash.js";
export { tagFor } from "./tags.js";
export type { RedactionItem, RedactionResult, Replacement } from "./types.js";
