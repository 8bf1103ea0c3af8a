/** Public surface of the secrets detector. */
export { secretsDetector, findSecrets } from "./detector.js";
export { SECRET_RULES, SECRET_LABELS, PATTERNS } from "./rules.js";
export { createScanner, defaultScanner, type SecretScanner } from "./scan.js";
export { shannonEntropy } from "./entropy.js";
export type { SecretRule, SecretHit, Tier } from "./rule-types.js";
