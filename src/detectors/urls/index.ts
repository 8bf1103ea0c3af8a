/** The urls detector and every regex it uses (for the ReDoS check). */
import { PATTERNS as ANALYZE } from "./analyze.js";
import { PATTERNS as DATA } from "./data-carrier.js";
import { PATTERNS as EXTRACT } from "./extract.js";
import { PATTERNS as HOSTS } from "./hosts.js";

export { urlsDetector } from "./detector.js";
export { extractLinks, type LinkCandidate, type LinkKind } from "./extract.js";
export const PATTERNS: readonly RegExp[] = [...EXTRACT, ...ANALYZE, ...DATA, ...HOSTS];
