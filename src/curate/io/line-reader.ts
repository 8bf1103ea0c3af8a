/**
 * Reads a file line by line from any byte offset, in constant memory, reporting each line's exact byte
 * range — what a checkpoint needs to resume after the last fully handled record. A line longer than
 * `maxLineBytes` is not held in memory: it is reported as too long (text null) and skipped to its end.
 */
import { open } from "node:fs/promises";

export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset where the line starts. */
  start: number;
  /** Byte offset just past the line and its newline. */
  end: number;
  /** The line without its newline (and without a trailing \r); null when it was longer than allowed. */
  text: string | null;
}

export interface ReadLinesOptions {
  /** Byte offset to start at: 0, or the end of a line (a checkpoint's offset). */
  startOffset?: number;
  /** Number of the line before `startOffset` (so line numbers continue after a resume). */
  startLine?: number;
  chunkBytes?: number;
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<RawLine> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    let filePos = options.startOffset ?? 0;
    let line = options.startLine ?? 0;
    let lineStart = filePos;
    let pieces: Buffer[] = [];
    let pieceBytes = 0;
    let tooLong = false;
    const finish = (end: number): RawLine => {
      line++;
      let text: string | null = null;
      if (!tooLong) {
        let whole = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, pieceBytes);
        if (whole.length > 0 && whole[whole.length - 1] === 13) whole = whole.subarray(0, whole.length - 1);
        text = whole.toString("utf8");
      }
      const out: RawLine = { line, start: lineStart, end, text };
      pieces = [];
      pieceBytes = 0;
      tooLong = false;
      lineStart = end;
      return out;
    };
    const keep = (part: Buffer): void => {
      if (tooLong || part.length === 0) return;
      if (pieceBytes + part.length > maxLineBytes) {
        tooLong = true;
        pieces = [];
        pieceBytes = 0;
        return;
      }
      // Copy: the read buffer is reused for the next chunk.
      pieces.push(Buffer.from(part));
      pieceBytes += part.length;
    };
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, chunkBytes, filePos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) break;
        keep(chunk.subarray(pos, nl));
        yield finish(filePos + nl + 1);
        pos = nl + 1;
      }
      keep(chunk.subarray(pos));
      filePos += bytesRead;
    }
    if (pieceBytes > 0 || tooLong) yield finish(filePos);
  } finally {
    await handle.close();
  }
}
