/**
 * Choosing a record format: by name (`--format`), or auto-detected from the first records of a file by
 * which keys they carry. A value that fits several shapes counts for the most specific one
 * (preference > openai > sharegpt > alpaca > text).
 */
import { alpacaFormat } from "./alpaca.js";
import { openaiFormat } from "./openai.js";
import { preferenceFormat } from "./preference.js";
import { sharegptFormat } from "./sharegpt.js";
import { textFormat } from "./text.js";
import type { FormatAdapter, FormatName } from "./types.js";
import { FORMAT_NAMES, isObject } from "./types.js";

/** Most specific first. */
export const FORMATS: readonly FormatAdapter[] = [
  preferenceFormat,
  openaiFormat,
  sharegptFormat,
  alpacaFormat,
  textFormat,
];

/** The supported formats and their shapes, for error messages and help. */
export function supportedFormats(): string {
  return FORMATS.map((f) => `${f.name} ${f.shape}`).join(", ");
}

export class UnknownFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownFormatError";
  }
}

export function formatByName(name: string): FormatAdapter {
  const f = FORMATS.find((x) => x.name === name);
  if (!f) throw new UnknownFormatError(`unknown format "${name}": use one of ${FORMAT_NAMES.join(", ")}`);
  return f;
}

/** The adapter that most of `samples` (parsed JSON values) fit; throws UnknownFormatError if none fits. */
export function detectFormat(samples: readonly unknown[], source = "the input"): FormatAdapter {
  const votes = new Map<FormatName, number>();
  const keys = new Set<string>();
  for (const value of samples) {
    const f = FORMATS.find((x) => x.matches(value));
    if (f) votes.set(f.name, (votes.get(f.name) ?? 0) + 1);
    if (isObject(value)) for (const k of Object.keys(value).slice(0, 20)) keys.add(k);
  }
  let best: FormatAdapter | undefined;
  let bestVotes = 0;
  for (const f of FORMATS) {
    const v = votes.get(f.name) ?? 0;
    if (v > bestVotes) {
      best = f;
      bestVotes = v;
    }
  }
  if (!best) {
    const seen =
      samples.length === 0
        ? "it has no JSON records"
        : keys.size > 0
          ? `keys seen: ${[...keys].slice(0, 12).join(", ")}`
          : "its records are not JSON objects";
    throw new UnknownFormatError(
      `cannot tell the format of ${source} from its first ${samples.length} records (${seen}); supported formats: ${supportedFormats()}; choose one with --format`,
    );
  }
  return best;
}
