/**
 * BIPIA (indirect prompt injection): clean external-content contexts are negatives; the same kind of
 * context with one BIPIA attack instruction inserted at its start, middle or end (seeded) is a positive.
 * Text attacks go into emails and tables, code attacks into Stack Overflow answers, as in BIPIA. The
 * WebQA and summarisation contexts are not distributed by BIPIA, so there are no plain-text contexts.
 */
import { join } from "node:path";
import type { Example } from "../../types.js";
import { compact, makeExample, MAX_TEXT_CHARS } from "./examples.js";
import { arr, isRecord, readJson, readJsonl, str } from "./json.js";
import { rng, seededPick } from "./sample.js";

export type BipiaKind = "email" | "table" | "code";

interface Context {
  kind: BipiaKind;
  text: string;
  group: string;
}

/** How many contexts each attack is inserted into. */
const PLACEMENTS_PER_ATTACK = 2;

function readContexts(dataDir: string, kind: BipiaKind): Context[] {
  const out: Context[] = [];
  for (const split of ["train", "test"]) {
    readJsonl(join(dataDir, "bipia", `${kind}_${split}.jsonl`)).forEach((row, i) => {
      // Code contexts are the lines of a Stack Overflow answer; email and table contexts are strings.
      const raw = isRecord(row) ? row.context : undefined;
      const text = Array.isArray(raw)
        ? raw.filter((l): l is string => typeof l === "string").join("\n")
        : str(row, "context");
      if (text.trim() !== "") out.push({ kind, text, group: `bipia:ctx:${kind}:${split}:${i}` });
    });
  }
  return out;
}

function readAttacks(dataDir: string, family: "text" | "code"): { type: string; text: string }[] {
  const out: { type: string; text: string }[] = [];
  for (const split of ["train", "test"]) {
    const data = readJson(join(dataDir, "bipia", `${family}_attack_${split}.json`));
    if (!isRecord(data))
      throw new Error(`bipia/${family}_attack_${split}.json: expected an object of attack types`);
    for (const [type, attacks] of Object.entries(data)) {
      for (const attack of arr(attacks))
        if (typeof attack === "string") out.push({ type: `${split}:${type}`, text: attack });
    }
  }
  return out;
}

/** Index of the line break (else sentence end, else space) nearest the middle of `text`; -1 if none. */
function middleCut(text: string): number {
  const mid = Math.floor(text.length / 2);
  for (const sep of ["\n", ". ", " "]) {
    const before = text.lastIndexOf(sep, mid);
    const after = text.indexOf(sep, mid);
    const best = before < 0 ? after : after < 0 ? before : mid - before <= after - mid ? before : after;
    if (best > 0) return best + sep.length;
  }
  return -1;
}

/** Inserts an attack into a context at the start, middle or end. */
export function insertAttack(context: string, attack: string, where: "start" | "middle" | "end"): string {
  const body = context.trim();
  if (where === "start") return `${attack}\n${body}`;
  if (where === "end") return `${body}\n${attack}`;
  const cut = middleCut(body);
  if (cut < 0) return `${body}\n${attack}`;
  return `${body.slice(0, cut).trimEnd()}\n${attack}\n${body.slice(cut).trimStart()}`;
}

const POSITIONS = ["start", "middle", "end"] as const;

/** Clean contexts (label 0) and poisoned contexts (label 1), all with source "bipia". */
export function readBipia(dataDir: string): Example[] {
  const contexts = {
    email: readContexts(dataDir, "email"),
    table: readContexts(dataDir, "table"),
    code: readContexts(dataDir, "code"),
  };
  const out: (Example | null)[] = [];
  for (const ctx of [...contexts.email, ...contexts.table, ...contexts.code]) {
    out.push(makeExample(ctx.text, 0, "bipia", { lang: "en", group: ctx.group }));
  }
  // Only contexts short enough that the inserted attack survives the length cut can be poisoned.
  const fits = (c: Context): boolean => c.text.length <= MAX_TEXT_CHARS - 2000;
  const hosts = {
    email: contexts.email.filter(fits),
    table: contexts.table.filter(fits),
    code: contexts.code.filter(fits),
  };
  const next = rng("bipia");
  for (const family of ["text", "code"] as const) {
    readAttacks(dataDir, family).forEach((attack, i) => {
      const group = `bipia:attack:${family}:${attack.type}:${i}`;
      for (let k = 0; k < PLACEMENTS_PER_ATTACK; k++) {
        // Text attacks alternate email and table hosts so both kinds of document carry attacks.
        const pool = family === "code" ? hosts.code : k % 2 === 0 ? hosts.email : hosts.table;
        const host = seededPick(pool, next);
        const text = insertAttack(host.text, attack.text, seededPick(POSITIONS, next));
        out.push(makeExample(text, 1, "bipia", { lang: "en", group }));
      }
    });
  }
  return compact(out);
}
