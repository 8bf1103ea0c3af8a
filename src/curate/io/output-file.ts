/**
 * An output file written in order, buffered, with its exact length known at all times: what a
 * checkpoint records. Writes are synchronous (a killed process loses only what was still buffered,
 * never half a write the checkpoint counted); `sync()` flushes and asks the disk to keep it.
 */
import { closeSync, fdatasyncSync, ftruncateSync, fstatSync, openSync, writeSync } from "node:fs";

const FLUSH_BYTES = 256 * 1024;

export class OutputFile {
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes written to the file, not counting the buffer. */
  private written: number;

  /** Opens `path` empty, or — when `resumeAt` is given — cut back to that many bytes to append after. */
  constructor(
    readonly path: string,
    resumeAt?: number,
  ) {
    if (resumeAt === undefined) {
      this.fd = openSync(path, "w");
      this.written = 0;
    } else {
      this.fd = openSync(path, "r+");
      const size = fstatSync(this.fd).size;
      if (size < resumeAt)
        throw new Error(`${path} is ${size} bytes, shorter than the ${resumeAt} the checkpoint recorded`);
      ftruncateSync(this.fd, resumeAt);
      this.written = resumeAt;
    }
  }

  /** Total length including buffered bytes. */
  get length(): number {
    return this.written + this.pendingBytes;
  }

  write(text: string): void {
    const b = Buffer.from(text, "utf8");
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let off = 0;
    while (off < all.length) off += writeSync(this.fd, all, off, all.length - off, this.written + off);
    this.written += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes and makes the data durable. */
  sync(): void {
    this.flush();
    fdatasyncSync(this.fd);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
