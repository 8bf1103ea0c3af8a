/**
 * A fingerprint of the static embedding table (SHA-256 of its files). Training records it in each
 * classifier's weights; a test checks the committed classifiers still match the committed table, since
 * a classifier's dense weights are only meaningful for the table it was trained with.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { classifierAssetDir } from "./asset-dir.js";

const FILES = ["vectors.bin", "tokenizer.bin.gz"] as const;

export function embeddingsFingerprint(
  dir: URL = classifierAssetDir("embeddings/weights/", "vectors.bin"),
): string {
  const h = createHash("sha256");
  for (const f of FILES) h.update(readFileSync(new URL(f, dir)));
  return h.digest("hex").slice(0, 16);
}
