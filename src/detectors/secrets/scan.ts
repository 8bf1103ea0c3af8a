/**
 * Scans one text with every secret rule: one keyword-index pass finds where each rule's keywords
 * occur, then only those rules run, and only at those offsets.
 */
import { KeywordIndex } from "./keyword-index.js";
import type { ScanInput, SecretHit, SecretRule } from "./rule-types.js";
import { SECRET_RULES } from "./rules.js";

export interface SecretScanner {
  readonly rules: readonly SecretRule[];
  scan(text: string, settings: { entropyThreshold: number; minGenericLength: number }): SecretHit[];
}

export function createScanner(rules: readonly SecretRule[]): SecretScanner {
  const keywordIds = new Map<string, number>();
  const keywordRules: number[][] = [];
  rules.forEach((rule, ri) => {
    for (const kw of rule.keywords) {
      let id = keywordIds.get(kw);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(kw, id);
        keywordRules.push([]);
      }
      const list = keywordRules[id] as number[];
      if (!list.includes(ri)) list.push(ri);
    }
  });
  const index = new KeywordIndex([...keywordIds.keys()]);
  // Scratch, reused by every scan (scans are synchronous and never nested): a fresh array of one slot per
  // rule was most of what a scan of ordinary text allocated.
  const perRule: (number[] | undefined)[] = new Array<number[] | undefined>(rules.length).fill(undefined);
  const touched: number[] = [];
  return {
    rules,
    scan(text, settings) {
      const found = index.scan(text);
      const out: SecretHit[] = [];
      if (found.count === 0) return out;
      try {
        for (let i = 0; i < found.count; i++) {
          const start = found.start[i] as number;
          for (const ri of keywordRules[found.keyword[i] as number] as number[]) {
            const list = perRule[ri];
            if (list === undefined) {
              perRule[ri] = [start];
              // Kept in table order (insertion: a handful of rules; sort() allocated a work array).
              let k = touched.length;
              touched.push(ri);
              while (k > 0 && (touched[k - 1] as number) > ri) {
                touched[k] = touched[k - 1] as number;
                k--;
              }
              touched[k] = ri;
            } else list.push(start);
          }
        }
        const input: ScanInput = { text, ...settings };
        for (const ri of touched) {
          const list = perRule[ri] as number[];
          // Hits arrive ordered by keyword end; rules expect ascending starts.
          for (let k = 1; k < list.length; k++) {
            if ((list[k] as number) < (list[k - 1] as number)) {
              list.sort((a, b) => a - b);
              break;
            }
          }
          (rules[ri] as SecretRule).scan(input, list, out);
        }
        return out;
      } finally {
        for (const ri of touched) perRule[ri] = undefined;
        touched.length = 0;
      }
    },
  };
}

/** The scanner over the built-in rule table. */
export const defaultScanner: SecretScanner = createScanner(SECRET_RULES);
