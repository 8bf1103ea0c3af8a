/**
 * The embedding's inner loop: out = sum over k of coefs[k] * (int8 row rows[k] of the table), in
 * float32. A 2 KB text pools ~100 distinct rows of 256 dims; scalar JavaScript needs ~0.8 ns per
 * multiply-add (~20 µs), WebAssembly SIMD does 16 at a time (~4 µs). The SIMD kernel is a tiny
 * hand-assembled module (below, with its text form); where WebAssembly SIMD is missing, a scalar loop
 * computes bit-identical results (each step rounded to float32 in the same order: float32 multiply
 * and add emulated in float64 and rounded once are exact).
 *
 * The table is copied once into the kernel's memory; callers write the rows and coefficients of one
 * pooling into `rows` and `coefs`, call pool(n), and read `out` (valid until the next call).
 */

import {
  I32,
  V128,
  assemble,
  canRun,
  get,
  i32,
  instantiate,
  load32,
  loadF32,
  loadV128,
  op,
  set,
  simd,
  storeV128,
  tee,
  type Code,
} from "../wasm/builder.js";

export interface RowPooler {
  readonly dims: number;
  /** Row numbers of one pooling (at most `capacity`). */
  readonly rows: Int32Array;
  /** Coefficient of each row, in the same order. */
  readonly coefs: Float32Array;
  /** The pooled vector (dims float32) after pool(). */
  readonly out: Float32Array;
  readonly capacity: number;
  /** "simd" or "scalar": which kernel runs. */
  readonly kernel: "simd" | "scalar";
  pool(n: number): void;
}

/*
 * (module
 *   (import "env" "memory" (memory 1))
 *   (func (export "pool") (param $rows i32) (param $coefs i32) (param $n i32) (param $out i32)
 *                         (param $blocks i32)            ;; dims / 16
 *     (local $b i32) (local $k i32) (local $base i32)
 *     (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
 *     (local $v v128) (local $w v128) (local $c v128)
 *     (loop $block                                        ;; 16 dims at a time, in 4 f32x4 registers
 *       a0..a3 := 0; k := 0
 *       (block $done (loop $row
 *         (br_if $done (i32.ge_u k n))
 *         v := v128.load(i32.load(rows + 4k) + 16b)       ;; rows[] holds byte addresses of row starts
 *         c := f32x4.splat(f32.load(coefs + 4k))
 *         w := i16x8.extend_low_i8x16_s(v)
 *         a0 += f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_s(w)) * c
 *         a1 += f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_s(w)) * c
 *         w := i16x8.extend_high_i8x16_s(v)
 *         a2 += ... low(w) * c;  a3 += ... high(w) * c
 *         k := k + 1 (br $row)))
 *       v128.store(out + 64b + 0/16/32/48, a0/a1/a2/a3)
 *       b := b + 1 (br_if $block (i32.lt_u b blocks))))
 */

// Local indices: the five parameters, then $b $k $base (i32), then seven v128.
const ROWS = 0;
const COEFS = 1;
const N = 2;
const OUT = 3;
const BLOCKS = 4;
const B = 5;
const K = 6;
const BASE = 7;
const A0 = 8;
const A1 = 9;
const A2 = 10;
const A3 = 11;
const V = 12;
const W = 13;
const C = 14;

const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F32X4_SPLAT = simd(0x13);
const EXTEND_LOW_I8 = simd(0x87);
const EXTEND_HIGH_I8 = simd(0x88);
const EXTEND_LOW_I16 = simd(0xa7);
const EXTEND_HIGH_I16 = simd(0xa8);
const CONVERT = simd(0xfa);
const F32X4_MUL = simd(0xe6);
const F32X4_ADD = simd(0xe4);

/** acc += convert(extend(w)) * c */
const accumulate = (acc: number, extend: Code): Code => [
  ...get(acc),
  ...get(W),
  ...extend,
  ...CONVERT,
  ...get(C),
  ...F32X4_MUL,
  ...F32X4_ADD,
  ...set(acc),
];

// prettier-ignore
const POOL_BODY: Code = [
  ...op.loop, // $block
  ...V128_ZERO, ...set(A0),
  ...V128_ZERO, ...set(A1),
  ...V128_ZERO, ...set(A2),
  ...V128_ZERO, ...set(A3),
  ...i32(0), ...set(K),
  ...op.block, // $done
  ...op.loop, // $row
  ...get(K), ...get(N), ...op.geU, ...op.brIf(1), // exit when k >= n
  ...get(ROWS), ...get(K), ...i32(2), ...op.shl, ...op.add, ...load32(),
  ...get(B), ...i32(4), ...op.shl, ...op.add, ...loadV128(), ...set(V),
  ...get(COEFS), ...get(K), ...i32(2), ...op.shl, ...op.add, ...loadF32(), ...F32X4_SPLAT, ...set(C),
  ...get(V), ...EXTEND_LOW_I8, ...set(W),
  ...accumulate(A0, EXTEND_LOW_I16),
  ...accumulate(A1, EXTEND_HIGH_I16),
  ...get(V), ...EXTEND_HIGH_I8, ...set(W),
  ...accumulate(A2, EXTEND_LOW_I16),
  ...accumulate(A3, EXTEND_HIGH_I16),
  ...get(K), ...i32(1), ...op.add, ...set(K),
  ...op.br(0),
  ...op.end, // $row
  ...op.end, // $done
  ...get(OUT), ...get(B), ...i32(6), ...op.shl, ...op.add, ...set(BASE),
  ...get(BASE), ...get(A0), ...storeV128(0),
  ...get(BASE), ...get(A1), ...storeV128(16),
  ...get(BASE), ...get(A2), ...storeV128(32),
  ...get(BASE), ...get(A3), ...storeV128(48),
  ...get(B), ...i32(1), ...op.add, ...tee(B), ...get(BLOCKS), ...op.ltU, ...op.brIf(0),
  ...op.end, // $block
];

/** The kernel module's bytes. */
export function kernelModule(): Uint8Array {
  return assemble([
    {
      name: "pool",
      params: [I32, I32, I32, I32, I32],
      result: null,
      locals: [
        [3, I32],
        [7, V128],
      ],
      body: POOL_BODY,
    },
  ]);
}

const align16 = (n: number) => (n + 15) & ~15;

export interface RowPoolerOptions {
  /** Use the scalar loop even where WebAssembly SIMD works (tests compare the two). */
  scalar?: boolean;
}

/**
 * A pooler over `values` (rows x dims int8, row-major). `capacity` bounds the rows of one pooling
 * (the table's row count always suffices: rows are distinct).
 */
export function createRowPooler(
  values: Int8Array,
  dims: number,
  capacity: number,
  options: RowPoolerOptions = {},
): RowPooler {
  if (values.length % dims !== 0) throw new Error(`table of ${values.length} values is not rows x ${dims}`);
  const bytes = kernelModule();
  const simdOk = !options.scalar && dims % 16 === 0 && canRun(bytes);
  if (!simdOk) return scalarPooler(values, dims, capacity);
  // Layout: out (dims f32) | rows (capacity i32) | coefs (capacity f32) | values, each 16-aligned.
  const outAt = 0;
  const rowsAt = align16(outAt + 4 * dims);
  const coefsAt = align16(rowsAt + 4 * capacity);
  const valuesAt = align16(coefsAt + 4 * capacity);
  const { exports, memory } = instantiate(bytes, valuesAt + values.length);
  new Int8Array(memory.buffer, valuesAt, values.length).set(values);
  const kernel = exports.pool as (
    rows: number,
    coefs: number,
    n: number,
    out: number,
    blocks: number,
  ) => void;
  const rows = new Int32Array(memory.buffer, rowsAt, capacity);
  const addresses = new Int32Array(capacity);
  const blocks = dims / 16;
  return {
    dims,
    rows: addresses,
    coefs: new Float32Array(memory.buffer, coefsAt, capacity),
    out: new Float32Array(memory.buffer, outAt, dims),
    capacity,
    kernel: "simd",
    pool(n: number): void {
      if (n > capacity) throw new Error(`pooling ${n} rows, capacity ${capacity}`);
      for (let k = 0; k < n; k++) rows[k] = valuesAt + addresses[k]! * dims;
      kernel(rowsAt, coefsAt, n, outAt, blocks);
    },
  };
}

function scalarPooler(values: Int8Array, dims: number, capacity: number): RowPooler {
  const rows = new Int32Array(capacity);
  const coefs = new Float32Array(capacity);
  const out = new Float32Array(dims);
  const fround = Math.fround;
  return {
    dims,
    rows,
    coefs,
    out,
    capacity,
    kernel: "scalar",
    pool(n: number): void {
      if (n > capacity) throw new Error(`pooling ${n} rows, capacity ${capacity}`);
      out.fill(0);
      for (let k = 0; k < n; k++) {
        const c = coefs[k]!;
        // Storing into the Float32Array rounds the sum: float32 multiply, then float32 add.
        for (let d = 0, off = rows[k]! * dims; d < dims; d++, off++) out[d]! += fround(c * values[off]!);
      }
    },
  };
}
