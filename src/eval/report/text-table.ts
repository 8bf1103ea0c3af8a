/**
 * A plain-text table with aligned columns. Cells may carry a style that is applied after padding, so
 * ANSI colour codes never upset the alignment.
 */
export type Align = "left" | "right";

export interface Cell {
  text: string;
  style?: (padded: string) => string;
}

export type Row = Array<string | Cell>;

const cell = (c: string | Cell): Cell => (typeof c === "string" ? { text: c } : c);

/** Display width of a string: code points, with wide East Asian characters counted twice. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(text: string, width: number, align: Align): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

export function textTable(
  headers: string[],
  rows: Row[],
  align: Align[],
  headerStyle: (s: string) => string = (s) => s,
): string {
  const cells = rows.map((r) => r.map(cell));
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i]?.text ?? ""))),
  );
  const line = (parts: string[]) => `  ${parts.join("  ")}`.trimEnd();
  const out = [line(headers.map((h, i) => headerStyle(pad(h, widths[i]!, align[i] ?? "left"))))];
  for (const r of cells)
    out.push(
      line(
        widths.map((w, i) => {
          const c = r[i] ?? { text: "" };
          const padded = pad(c.text, w, align[i] ?? "left");
          return c.style ? c.style(padded) : padded;
        }),
      ),
    );
  return out.join("\n");
}
