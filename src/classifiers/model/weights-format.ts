/**
 * The classifier weights file: "GSCLS001", a little-endian u32 header length, a JSON header (padded
 * with spaces to a multiple of 8 bytes), then the arrays the header lists, each float16 (weights) or
 * float32, in order, each starting at a multiple of 8 bytes.
 */
import type { FeatureConfig } from "../features/types.js";
import type { CategoryHeads, ClassifierModel, OperatingPoint, Platt } from "./classifier.js";
import { decodeFloat16, encodeFloat16 } from "./float16.js";
import type { LinearHead } from "./linear-head.js";

const MAGIC = "GSCLS001";
export const WEIGHTS_VERSION = 1;

type DType = "f16" | "f32";
interface ArrayEntry {
  name: string;
  dtype: DType;
  length: number;
}
interface HeadEntry {
  bits: number;
  bias: number;
  weights: string;
  dense: string | null;
}
interface Header {
  task: string;
  version: number;
  features: FeatureConfig;
  platt: Platt;
  operatingPoint: OperatingPoint;
  head: HeadEntry;
  categories: { names: string[]; heads: HeadEntry[] } | null;
  info: Record<string, unknown>;
  arrays: ArrayEntry[];
}

const pad8 = (n: number) => (n + 7) & ~7;

export function serializeModel(model: ClassifierModel): Buffer {
  const arrays: ArrayEntry[] = [];
  const blobs: Uint8Array[] = [];
  const addArray = (name: string, values: Float32Array, dtype: DType): string => {
    arrays.push({ name, dtype, length: values.length });
    const typed = dtype === "f16" ? encodeFloat16(values) : values;
    blobs.push(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength));
    return name;
  };
  const addHead = (prefix: string, h: LinearHead): HeadEntry => ({
    bits: h.bits,
    bias: h.bias,
    weights: addArray(`${prefix}.weights`, h.weights, "f16"),
    dense: h.dense ? addArray(`${prefix}.dense`, h.dense, "f32") : null,
  });
  const header: Header = {
    task: model.task,
    version: model.version,
    features: model.features,
    platt: model.platt,
    operatingPoint: model.operatingPoint,
    head: addHead("head", model.head),
    categories: model.categoryHeads
      ? {
          names: model.categoryHeads.categories,
          heads: model.categoryHeads.heads.map((h, k) => addHead(`category${k}`, h)),
        }
      : null,
    info: model.info,
    arrays,
  };
  let json = JSON.stringify(header);
  const jsonBytes = Buffer.byteLength(json, "utf8");
  json += " ".repeat(pad8(12 + jsonBytes) - 12 - jsonBytes);
  const headerBuf = Buffer.from(json, "utf8");
  const parts: Uint8Array[] = [Buffer.from(MAGIC, "ascii"), u32le(headerBuf.length), headerBuf];
  for (const b of blobs) {
    parts.push(b);
    const pad = pad8(b.byteLength) - b.byteLength;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  return Buffer.concat(parts);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

export function parseModel(buf: Uint8Array): ClassifierModel {
  const data = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (data.length < 12 || data.toString("ascii", 0, 8) !== MAGIC)
    throw new Error("not a guardstack classifier file");
  const headerLen = data.readUInt32LE(8);
  if (12 + headerLen > data.length) throw new Error("classifier file: truncated header");
  const header = JSON.parse(data.toString("utf8", 12, 12 + headerLen)) as Header;
  if (header.version !== WEIGHTS_VERSION)
    throw new Error(`classifier file: version ${header.version} not supported`);
  const byName = new Map<string, Float32Array>();
  let off = 12 + headerLen;
  for (const a of header.arrays) {
    const width = a.dtype === "f16" ? 2 : 4;
    const bytes = a.length * width;
    if (off + bytes > data.length) throw new Error(`classifier file: array ${a.name} is truncated`);
    // Copy into an aligned buffer: the file's bytes may sit at any offset of a pooled Buffer.
    const copy = new Uint8Array(bytes);
    copy.set(data.subarray(off, off + bytes));
    byName.set(
      a.name,
      a.dtype === "f16" ? decodeFloat16(new Uint16Array(copy.buffer)) : new Float32Array(copy.buffer),
    );
    off += pad8(bytes);
  }
  const get = (name: string): Float32Array => {
    const v = byName.get(name);
    if (!v) throw new Error(`classifier file: missing array ${name}`);
    return v;
  };
  const head = (e: HeadEntry): LinearHead => {
    const weights = get(e.weights);
    if (weights.length !== 1 << e.bits)
      throw new Error(`classifier file: ${e.weights} has ${weights.length} values`);
    return { bits: e.bits, bias: e.bias, weights, dense: e.dense ? get(e.dense) : null };
  };
  const categoryHeads: CategoryHeads | null = header.categories
    ? { categories: header.categories.names, heads: header.categories.heads.map(head) }
    : null;
  return {
    task: header.task,
    version: header.version,
    features: header.features,
    head: head(header.head),
    platt: header.platt,
    operatingPoint: header.operatingPoint,
    categoryHeads,
    info: header.info,
  };
}
