import type { TextView } from "./types.js";

/** A view's name for findings and reports: "raw", "normalized", "skeleton", "leet", "decoded:base64>hex". */
export function viewLabel(view: TextView): string {
  return view.kind === "decoded" && view.encodings !== undefined && view.encodings.length > 0
    ? `decoded:${view.encodings.join(">")}`
    : view.kind;
}
