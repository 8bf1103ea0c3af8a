/**
 * Mask mode: every character becomes the mask character, one per code point so the visible length
 * is kept and no surrogate half is left behind. Line breaks stay (an address keeps its shape).
 * Payment cards keep their last four digits and their separators, as receipts print them.
 */
const CARD_LABELS = new Set(["credit-card", "payment-card", "card"]);

export function maskValue(value: string, label: string, maskChar: string): string {
  if (CARD_LABELS.has(label)) return maskCard(value, maskChar);
  let out = "";
  for (const ch of value) out += ch === "\n" || ch === "\r" ? ch : maskChar;
  return out;
}

function maskCard(value: string, maskChar: string): string {
  let digitsSeen = 0;
  let total = 0;
  for (const ch of value) if (ch >= "0" && ch <= "9") total++;
  let out = "";
  for (const ch of value) {
    if (ch >= "0" && ch <= "9") {
      digitsSeen++;
      out += total >= 12 && digitsSeen > total - 4 ? ch : maskChar;
    } else {
      out += ch === " " || ch === "-" ? ch : maskChar;
    }
  }
  return out;
}
