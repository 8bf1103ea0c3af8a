/** Feature buffers cut from shared slabs never overlap, however many texts and whatever their sizes. */
import { describe, expect, it } from "vitest";
import { featureBuffer } from "./hash-accumulator.js";

describe("featureBuffer", () => {
  it("hands out disjoint, aligned buffers across slab boundaries and for oversized requests", () => {
    const taken: Array<{ b: ReturnType<typeof featureBuffer>; tag: number }> = [];
    // Sizes from empty to larger than a slab's quarter (which gets a buffer of its own).
    const sizes = [0, 1, 3, 700, 2500, 9000, 17, 4096];
    for (let i = 0; i < 400; i++) {
      const n = sizes[i % sizes.length]!;
      const extra = i % 3 === 0 ? 256 : i % 3 === 1 ? 0 : 5;
      const b = featureBuffer(n, extra);
      expect(b.idx.length).toBe(n);
      expect(b.val.length).toBe(n);
      expect(b.extra.length).toBe(extra);
      expect(b.idx.byteOffset % 4).toBe(0);
      b.idx.fill(i);
      b.val.fill(i + 0.5);
      b.extra.fill(-i);
      taken.push({ b, tag: i });
    }
    for (const { b, tag } of taken) {
      expect(b.idx.every((x) => x === tag)).toBe(true);
      expect(b.val.every((x) => x === tag + 0.5)).toBe(true);
      expect(b.extra.every((x) => x === -tag)).toBe(true);
    }
  });
});
