/** NFKC of single code points, cached: the per-character checks of the NFKC step and the first pass. */

// BMP: 0 = not computed yet, 1 = unchanged by NFKC, 2 = changed (see bmpNfkc).
const bmpState = new Uint8Array(0x10000);
const bmpNfkc: (string | undefined)[] = new Array<string | undefined>(0x10000);
const astralStable = new Map<number, boolean>();

/** NFKC of a lone BMP code point, or null when it is unchanged. */
export function nfkcOfBmp(cp: number): string | null {
  const state = bmpState[cp] as number;
  if (state === 1) return null;
  if (state === 2) return bmpNfkc[cp] as string;
  const src = String.fromCharCode(cp);
  const out = src.normalize("NFKC");
  if (out === src) {
    bmpState[cp] = 1;
    return null;
  }
  bmpNfkc[cp] = out;
  bmpState[cp] = 2;
  return out;
}

/** Whether NFKC leaves a code point, on its own, unchanged (lone surrogates are left as they are). */
export function isNfkcStableAlone(cp: number): boolean {
  if (cp < 0xa0) return true;
  if (cp < 0x10000) return (cp >= 0xd800 && cp <= 0xdfff) || nfkcOfBmp(cp) === null;
  let ok = astralStable.get(cp);
  if (ok === undefined) {
    const src = String.fromCodePoint(cp);
    ok = src.normalize("NFKC") === src;
    if (astralStable.size < 16_384) astralStable.set(cp, ok);
  }
  return ok;
}
