/**
 * Collects streamed tool-call fragments (OpenAI style: the first fragment of a call carries its id and
 * name, later ones carry pieces of the argument JSON, all keyed by `index`) into whole ToolCalls.
 */
import type { ToolCall } from "./types.js";

export interface ToolCallFragment {
  index?: number;
  id?: string;
  name?: string;
  arguments?: string;
}

export class ToolCallAssembler {
  private readonly calls = new Map<number, ToolCall>();
  private lastIndex = -1;

  add(fragment: ToolCallFragment): void {
    // Servers that omit `index` (some local ones) start a new call whenever a new id appears.
    let index = fragment.index;
    if (index === undefined) {
      const last = this.calls.get(this.lastIndex);
      index =
        fragment.id && (!last || (last.id !== "" && last.id !== fragment.id))
          ? this.lastIndex + 1
          : this.lastIndex;
      if (index < 0) index = 0;
    }
    let call = this.calls.get(index);
    if (!call) {
      call = { id: "", name: "", arguments: "" };
      this.calls.set(index, call);
    }
    if (fragment.id) call.id = fragment.id;
    if (fragment.name) call.name += call.name === fragment.name ? "" : fragment.name;
    if (fragment.arguments) call.arguments += fragment.arguments;
    this.lastIndex = index;
  }

  get size(): number {
    return this.calls.size;
  }

  /** The assembled calls in index order; a call that never got an id is given a stable one. */
  finish(): ToolCall[] {
    return [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  }
}
