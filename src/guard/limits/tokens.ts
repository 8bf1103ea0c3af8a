/**
 * A cheap token estimate for when the caller has no tokenizer count: about four characters per token,
 * the usual figure for English with BPE tokenizers (code and non-Latin scripts run denser). Rounded up,
 * so any non-empty text weighs at least one token.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
