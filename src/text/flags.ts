/**
 * Collects TextFlags with a cap per kind, so a text made of 100 000 zero-width runs yields a bounded
 * list: past the cap, the last flag of that kind absorbs the rest (its span grows to cover them, its
 * count adds up, its detail says there were more).
 */
import type { Span, TextFlag, TextFlagKind } from "./types.js";

export const MAX_FLAGS_PER_KIND = 32;
const MORE = " (and more)";

export class FlagCollector {
  readonly list: TextFlag[] = [];
  private readonly perKind = new Map<TextFlagKind, TextFlag[]>();

  add(kind: TextFlagKind, span: Span, count: number, detail?: string): void {
    let ofKind = this.perKind.get(kind);
    if (ofKind === undefined) {
      ofKind = [];
      this.perKind.set(kind, ofKind);
    }
    if (ofKind.length < MAX_FLAGS_PER_KIND) {
      const own: Span = [span[0], span[1]];
      const flag: TextFlag =
        detail === undefined ? { kind, span: own, count } : { kind, span: own, count, detail };
      ofKind.push(flag);
      this.list.push(flag);
      return;
    }
    const last = ofKind[ofKind.length - 1] as TextFlag;
    if (span[0] < last.span[0]) last.span[0] = span[0];
    if (span[1] > last.span[1]) last.span[1] = span[1];
    last.count += count;
    if (!last.detail?.endsWith(MORE)) last.detail = (last.detail ?? "") + MORE;
  }

  has(kind: TextFlagKind): boolean {
    return this.perKind.has(kind);
  }

  /** Whether further flags of this kind only extend the last one (so their detail is not kept). */
  full(kind: TextFlagKind): boolean {
    return (this.perKind.get(kind)?.length ?? 0) >= MAX_FLAGS_PER_KIND;
  }
}
