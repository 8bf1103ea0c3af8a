/**
 * An incremental decoder of server-sent events (the WHATWG event-stream format, as OpenAI-compatible
 * servers stream chat completions): bytes in, whole events out. Lines end in LF, CRLF or CR (a CR at the
 * end of a piece waits for the next one, which may start with its LF); `data:` lines of one event are
 * joined with LF; comments (`:`) and the `id:` and `retry:` fields are ignored. Linear in the input: each
 * character is scanned once, however the stream is split.
 */
import { StringDecoder } from "node:string_decoder";

export interface SSEEvent {
  /** The `event:` field, when the event has one. */
  event?: string;
  data: string;
}

const LF = 10;
const CR = 13;

export class SSEDecoder {
  private readonly text = new StringDecoder("utf8");
  /** The current line so far, in the pieces it arrived in (joined once, when its end arrives). */
  private partial: string[] = [];
  /** The last piece ended in CR: an LF starting the next one belongs to it. */
  private lastCR = false;
  private data: string[] = [];
  private event: string | undefined;

  /** The events completed by this piece of the stream. */
  push(piece: Buffer | string): SSEEvent[] {
    const out: SSEEvent[] = [];
    this.scan(typeof piece === "string" ? piece : this.text.write(piece), out);
    return out;
  }

  /** At the end of the stream: the last event, when the stream did not end it with a blank line. */
  end(): SSEEvent[] {
    const out: SSEEvent[] = [];
    this.scan(this.text.end(), out);
    if (this.partial.length > 0) this.line(this.partial.join(""), out);
    this.partial = [];
    this.lastCR = false;
    this.dispatch(out);
    return out;
  }

  /** Only the new text is scanned: a long line arriving in many pieces is not scanned again each time. */
  private scan(text: string, out: SSEEvent[]): void {
    let start = 0;
    let i = 0;
    if (this.lastCR && text.length > 0) {
      this.lastCR = false;
      if (text.charCodeAt(0) === LF) start = i = 1;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const tail = text.slice(start, i);
      const line = this.partial.length > 0 ? this.partial.join("") + tail : tail;
      this.partial = [];
      this.line(line, out);
      if (c === CR) {
        if (i + 1 === text.length) this.lastCR = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < text.length) this.partial.push(start === 0 ? text : text.slice(start));
  }

  private line(line: string, out: SSEEvent[]): void {
    if (line === "") return this.dispatch(out);
    if (line.charCodeAt(0) === 58) return; // ":" comment
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
  }

  private dispatch(out: SSEEvent[]): void {
    if (this.data.length > 0) {
      const data = this.data.length === 1 ? (this.data[0] as string) : this.data.join("\n");
      out.push(this.event !== undefined ? { event: this.event, data } : { data });
    }
    this.data = [];
    this.event = undefined;
  }
}
