/**
 * A few helpers to assemble small WebAssembly modules by hand: the classifiers' two hot loops (n-gram
 * hashing, embedding pooling) run 2-5x faster as WebAssembly than as JavaScript, and a module of a few
 * hundred bytes is simpler to ship as code than as a build step with its own toolchain. Each kernel
 * module writes its code with these helpers, documents it in text form, and is tested bit for bit
 * against a plain JavaScript version of the same loop (which also runs where WebAssembly does not).
 *
 * Only what the kernels use: one imported memory, i32/f32/f64/v128 locals, functions with i32 and f64
 * parameters and an optional i32 result.
 */

// Node runs WebAssembly; the ES library types this project compiles against do not describe it.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
};

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export const PAGE_BYTES = 65536;

export type Code = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;

export function uleb(n: number): Code {
  const out: Code = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Code {
  n |= 0;
  const out: Code = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Instructions: each returns its bytes; operands come first, as in the stack machine. */
export const get = (local: number): Code => [0x20, ...uleb(local)];
export const set = (local: number): Code => [0x21, ...uleb(local)];
export const tee = (local: number): Code => [0x22, ...uleb(local)];
export const i32 = (value: number): Code => [0x41, ...sleb(value)];
const memarg = (align: number, offset: number): Code => [...uleb(align), ...uleb(offset)];
export const load32 = (offset = 0): Code => [0x28, ...memarg(2, offset)];
export const loadF32 = (offset = 0): Code => [0x2a, ...memarg(2, offset)];
export const load16s = (offset = 0): Code => [0x2e, ...memarg(1, offset)];
export const load16u = (offset = 0): Code => [0x2f, ...memarg(1, offset)];
export const store32 = (offset = 0): Code => [0x36, ...memarg(2, offset)];
export const storeF32 = (offset = 0): Code => [0x38, ...memarg(2, offset)];
export const store16 = (offset = 0): Code => [0x3b, ...memarg(1, offset)];
export const simd = (op: number): Code => [0xfd, ...uleb(op)];
export const loadV128 = (offset = 0): Code => [...simd(0x00), ...memarg(4, offset)];
export const storeV128 = (offset = 0): Code => [...simd(0x0b), ...memarg(4, offset)];

/** Single-byte opcodes. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  return: [0x0f],
  select: [0x1b],
  eqz: [0x45],
  eq: [0x46],
  ne: [0x47],
  ltU: [0x49],
  leU: [0x4d],
  geU: [0x4f],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  shrS: [0x75],
  shrU: [0x76],
  f32Mul: [0x94],
  f64Gt: [0x64],
  f64Sqrt: [0x9f],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f32ConvertI32S: [0xb2],
  f32DemoteF64: [0xb6],
  f64PromoteF32: [0xbb],
  f64Const0: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
} as const;

export interface WasmFunction {
  name: string;
  params: number[];
  result: number | null;
  /** Extra locals after the parameters, as [count, type] groups. */
  locals: [number, number][];
  body: Code;
}

const section = (id: number, content: Code): Code => [id, ...uleb(content.length), ...content];
const name = (s: string): Code => [...uleb(s.length), ...Buffer.from(s, "ascii")];

/** A module that imports env.memory and exports the given functions. */
export function assemble(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [
    0x60,
    ...uleb(f.params.length),
    ...f.params,
    ...(f.result === null ? [0] : [1, f.result]),
  ]);
  const bodies = functions.map((f) => {
    const locals = [...uleb(f.locals.length), ...f.locals.flatMap(([n, t]) => [...uleb(n), t])];
    const body = [...locals, ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [...uleb(types.length), ...types.flat()]),
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 1]),
    ...section(3, [...uleb(functions.length), ...functions.flatMap((_, i) => uleb(i))]),
    ...section(7, [
      ...uleb(functions.length),
      ...functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
    ]),
    ...section(10, [...uleb(bodies.length), ...bodies.flat()]),
  ]);
}

/** Whether this runtime can run the module (false without WebAssembly, e.g. node --jitless). */
export function canRun(bytes: Uint8Array): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

/** Instantiates a module with a fresh memory of `bytes` bytes; returns its exports and memory. */
export function instantiate(
  bytes: Uint8Array,
  memoryBytes: number,
): { exports: Record<string, unknown>; memory: WasmMemory } {
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(memoryBytes / PAGE_BYTES)) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports, memory };
}
