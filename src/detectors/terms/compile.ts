/**
 * Compiles the terms settings once per settings object: every banned term and topic term goes
 * into one Aho–Corasick automaton per view family, and every user pattern is compiled with RE2.
 * The result is cached in a WeakMap keyed by the settings object, so a policy loaded once costs
 * one compilation however many texts it checks.
 */
import RE2 from "re2";
import type { z } from "zod";
import type { TermsSettings } from "../../policy/detector-settings.js";
import { AhoCorasick } from "../common/aho-corasick.js";
import { classAt, classBefore, foldString, WordClass } from "../common/char-class.js";

export type TermsSettingsT = z.infer<typeof TermsSettings>;

/** How a term is written in a folded view (skeleton or leetspeak), given how it is written plainly. */
export type TermFold = (term: string) => string;

export interface CompiledTerm {
  /** The term as written in the policy. */
  term: string;
  category: string;
  caseSensitive: boolean;
  /** Topic name for topic terms; the finding's label. */
  topic?: string;
}

export interface CompiledPattern {
  name: string;
  category: string;
  re: InstanceType<typeof RE2>;
}

/** One automaton and, for each of its patterns, the term it stands for. */
export interface TermAutomaton {
  ac: AhoCorasick;
  /** Pattern id -> index into CompiledTerms.terms. */
  termOf: Int32Array;
  /** Pattern id -> needs boundary at start / end (computed on the folded form). */
  boundaryStart: Uint8Array;
  boundaryEnd: Uint8Array;
}

export interface CompiledTerms {
  terms: CompiledTerm[];
  /** Raw, normalised, decoded and tag-smuggled views: terms as written. */
  plain: TermAutomaton | undefined;
  /** Folded views, built on first use (they need the view folds). */
  folded: Map<string, TermAutomaton | undefined>;
  patterns: CompiledPattern[];
}

export const DEFAULT_TERMS_CATEGORY = "banned-content";

/** A side of a term needs a boundary check only when the term's character there is a spaced-script word character. */
function needsBoundary(term: string, atStart: boolean): boolean {
  if (term.length === 0) return false;
  const cls = atStart ? classAt(term, 0) : classBefore(term, term.length);
  return cls === WordClass.Word;
}

function automaton(terms: CompiledTerm[], forms: (string | undefined)[]): TermAutomaton | undefined {
  const patterns: string[] = [];
  const termOf: number[] = [];
  forms.forEach((form, i) => {
    if (form === undefined || form.length === 0) return;
    patterns.push(form);
    termOf.push(i);
  });
  if (patterns.length === 0) return undefined;
  return {
    ac: new AhoCorasick(patterns),
    termOf: Int32Array.from(termOf),
    boundaryStart: Uint8Array.from(patterns, (p) => (needsBoundary(p, true) ? 1 : 0)),
    boundaryEnd: Uint8Array.from(patterns, (p) => (needsBoundary(p, false) ? 1 : 0)),
  };
}

/** Compiles one user pattern with RE2; a pattern RE2 cannot run raises an error naming it. */
export function compilePattern(p: { name: string; pattern: string; category: string }): CompiledPattern {
  try {
    return { name: p.name, category: p.category, re: new RE2(p.pattern, "gu") };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `terms pattern "${p.name}" (/${p.pattern}/) is not a valid RE2 pattern: ${why}. ` +
        "RE2 runs in linear time, so it has no look-around or back-references.",
      { cause: err },
    );
  }
}

function build(settings: TermsSettingsT): CompiledTerms {
  const terms: CompiledTerm[] = [];
  for (const entry of settings.banned) {
    const e = typeof entry === "string" ? { term: entry, caseSensitive: false } : entry;
    terms.push({
      term: e.term,
      category: ("category" in e && e.category) || DEFAULT_TERMS_CATEGORY,
      caseSensitive: e.caseSensitive,
    });
  }
  for (const [topic, list] of Object.entries(settings.topics)) {
    for (const term of list) {
      terms.push({ term, topic, category: DEFAULT_TERMS_CATEGORY, caseSensitive: false });
    }
  }
  return {
    terms,
    plain: automaton(
      terms,
      terms.map((t) => t.term),
    ),
    folded: new Map(),
    patterns: settings.patterns.map(compilePattern),
  };
}

/** Equal once case is folded unit by unit (the plain automaton's own comparison). */
function sameFold(a: string, b: string): boolean {
  return a.length === b.length && foldString(a) === foldString(b);
}

const cache = new WeakMap<TermsSettingsT, CompiledTerms>();

/**
 * The compiled form of a terms settings object (cached per object). Throws, naming the pattern,
 * when a user pattern is not valid RE2: call it when loading a policy to fail early.
 */
export function compileTerms(settings: TermsSettingsT): CompiledTerms {
  let c = cache.get(settings);
  if (!c) {
    c = build(settings);
    cache.set(settings, c);
  }
  return c;
}

/** The automaton for a folded view family, built on first use from the terms' folded forms. */
export function foldedAutomaton(c: CompiledTerms, family: string, fold: TermFold): TermAutomaton | undefined {
  if (c.folded.has(family)) return c.folded.get(family);
  // Case-sensitive terms match only as written, so folded views (which lower-case) skip them.
  const forms = c.terms.map((t) => (t.caseSensitive ? undefined : fold(t.term)));
  // Usually folding changes nothing (plain lower-case ASCII terms): reuse the plain automaton, so
  // a text whose folded view equals its raw one is not scanned twice.
  const same = c.terms.every((t, i) => !t.caseSensitive && sameFold(forms[i] as string, t.term));
  const a = same ? c.plain : automaton(c.terms, forms);
  c.folded.set(family, a);
  return a;
}
