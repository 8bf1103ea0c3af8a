/**
 * Readers for the two committed binary files under weights/ (written by
 * training/distill/export.py; the layouts are documented there and in MODEL_CARD.md).
 *
 * tokenizer.bin.gz (gzip of):  "GSTK" | u32 version | u32 header bytes | header JSON (UTF-8,
 *   space-padded so that the scores start at a multiple of 8) | float64 score per piece | pieces, UTF-8, "\n"-joined.
 * vectors.bin:  "GSEV" | u32 version | u32 rows | u32 dims | u32 vocabSize | float32 scale per
 *   row | float16 weight per token | uint16 row per token (65535: none) | int8 rows x dims
 *   (row-major). Token t's vector is weight[t] * scale[row[t]] * the int8 values of row[t].
 */
import { endianness } from "node:os";
import { gunzipSync } from "node:zlib";

const LITTLE_ENDIAN = endianness() === "LE";

export interface TokenizerFile {
  vocabSize: number;
  unkId: number;
  specialTokens: { content: string; id: number }[];
  /** Normalisation rules: [key, replacement], only keys that can be a shortest-prefix match. */
  normalizerRules: [string, string][];
  pieces: string[];
  scores: Float64Array;
}

export const NO_ROW = 0xffff;

export interface VectorsFile {
  rows: number;
  dims: number;
  vocabSize: number;
  /** Per row: the scale of its int8 values. */
  scales: Float32Array;
  /** Per token id: its weight (the norm of its distilled vector). */
  tokenWeights: Float32Array;
  /** Per token id: its row, or NO_ROW. */
  tokenRows: Uint16Array;
  /** rows x dims int8 values, row-major. */
  values: Int8Array;
}

interface TokenizerHeader {
  vocabSize: number;
  unkId: number;
  specialTokens: { content: string; id: number }[];
  normalizerRules: [string, string][];
}

function checkMagic(buf: Uint8Array, magic: string, what: string): void {
  const got = String.fromCharCode(buf[0]!, buf[1]!, buf[2]!, buf[3]!);
  if (got !== magic) throw new Error(`${what}: bad magic ${JSON.stringify(got)}`);
}

export function parseTokenizerFile(gz: Uint8Array): TokenizerFile {
  const buf = gunzipSync(gz);
  checkMagic(buf, "GSTK", "tokenizer.bin.gz");
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`tokenizer.bin.gz: unsupported version ${version}`);
  const headerBytes = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + headerBytes))) as TokenizerHeader;
  const scoresAt = 12 + headerBytes;
  const n = header.vocabSize;
  let scores: Float64Array;
  if (LITTLE_ENDIAN && (buf.byteOffset + scoresAt) % 8 === 0) {
    scores = new Float64Array(buf.buffer, buf.byteOffset + scoresAt, n).slice();
  } else {
    scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = view.getFloat64(scoresAt + 8 * i, true);
  }
  const pieces = new TextDecoder().decode(buf.subarray(scoresAt + 8 * n)).split("\n");
  if (pieces.length !== n) throw new Error(`tokenizer.bin.gz: ${pieces.length} pieces, header says ${n}`);
  return { ...header, pieces, scores };
}

/** IEEE 754 half precision to a JS number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

export function parseVectorsFile(bytes: Uint8Array): VectorsFile {
  checkMagic(bytes, "GSEV", "vectors.bin");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`vectors.bin: unsupported version ${version}`);
  const rows = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const vocabSize = view.getUint32(16, true);
  const scalesAt = 20;
  const weightsAt = scalesAt + 4 * rows;
  const rowsAt = weightsAt + 2 * vocabSize;
  const valuesAt = rowsAt + 2 * vocabSize;
  const expected = valuesAt + rows * dims;
  if (bytes.byteLength !== expected)
    throw new Error(`vectors.bin: ${bytes.byteLength} bytes, expected ${expected}`);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) scales[r] = view.getFloat32(scalesAt + 4 * r, true);
  const tokenWeights = new Float32Array(vocabSize);
  const tokenRows = new Uint16Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) {
    tokenWeights[t] = halfToFloat(view.getUint16(weightsAt + 2 * t, true));
    const row = view.getUint16(rowsAt + 2 * t, true);
    if (row !== NO_ROW && row >= rows)
      throw new Error(`vectors.bin: token ${t} points at row ${row} of ${rows}`);
    tokenRows[t] = row;
  }
  const values = new Int8Array(bytes.buffer.slice(bytes.byteOffset + valuesAt, bytes.byteOffset + expected));
  return { rows, dims, vocabSize, scales, tokenWeights, tokenRows, values };
}
