import { describe, expect, it } from "vitest";
import { createRowPooler } from "./row-pooler.js";

/** A deterministic table of rows x dims int8 values covering the full range. */
function table(rows: number, dims: number): Int8Array {
  const v = new Int8Array(rows * dims);
  for (let i = 0; i < v.length; i++) v[i] = (Math.imul(i + 1, 0x9e3779b1) >>> 24) - 128;
  v[0] = -128;
  v[1] = 127;
  return v;
}

/** The exact sum in float64, for comparing with the float32 kernels. */
function exact(values: Int8Array, dims: number, rows: number[], coefs: number[]): Float64Array {
  const out = new Float64Array(dims);
  rows.forEach((r, k) => {
    for (let d = 0; d < dims; d++) out[d]! += Math.fround(coefs[k]!) * values[r * dims + d]!;
  });
  return out;
}

describe("row pooler", () => {
  const dims = 64;
  const values = table(500, dims);
  const simd = createRowPooler(values, dims, 500);
  const scalar = createRowPooler(values, dims, 500, { scalar: true });

  it("uses the WebAssembly SIMD kernel on Node", () => {
    expect(simd.kernel).toBe("simd");
    expect(scalar.kernel).toBe("scalar");
  });

  it("pools rows times coefficients, bit-identical between the SIMD and scalar kernels", () => {
    for (const n of [0, 1, 3, 17, 200, 500]) {
      const rows = Array.from({ length: n }, (_, k) => (k * 7919) % 500);
      const coefs = Array.from({ length: n }, (_, k) => Math.sin(k + 1) * 3.7);
      for (const p of [simd, scalar]) {
        rows.forEach((r, k) => {
          p.rows[k] = r;
          p.coefs[k] = coefs[k]!;
        });
        p.pool(n);
      }
      expect([...simd.out]).toEqual([...scalar.out]);
      const want = exact(values, dims, rows, coefs);
      for (let d = 0; d < dims; d++) expect(simd.out[d]).toBeCloseTo(want[d]!, 2);
    }
  });

  it("reads the first and last rows and the extreme values exactly", () => {
    simd.rows[0] = 0;
    simd.coefs[0] = 1;
    simd.rows[1] = 499;
    simd.coefs[1] = 0.5;
    simd.pool(2);
    expect(simd.out[0]).toBe(-128 + 0.5 * values[499 * dims]!);
    expect(simd.out[1]).toBe(127 + 0.5 * values[499 * dims + 1]!);
  });

  it("falls back to the scalar kernel when the width is not a multiple of 16", () => {
    const odd = createRowPooler(table(10, 12), 12, 10);
    expect(odd.kernel).toBe("scalar");
    odd.rows[0] = 2;
    odd.coefs[0] = 2;
    odd.pool(1);
    expect(odd.out[3]).toBe(2 * table(10, 12)[2 * 12 + 3]!);
  });

  it("refuses more rows than its capacity", () => {
    expect(() => simd.pool(501)).toThrow(/capacity/);
  });
});
