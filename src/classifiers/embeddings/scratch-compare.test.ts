import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { loadEmbeddings } from "./index.js";

test("scratch: compare with HF", () => {
  const { tokenizer, loadMs } = loadEmbeddings("/tmp/gs-weights");
  console.log("loadMs", loadMs);
  const cases = JSON.parse(readFileSync("/tmp/tok_cases.json", "utf8")) as { text: string; ids: number[] }[];
  let bad = 0;
  for (const c of cases) {
    const got = tokenizer.encode(c.text);
    if (JSON.stringify(got) !== JSON.stringify(c.ids)) {
      if (bad < 15) console.log(JSON.stringify(c.text), "\n got", JSON.stringify(got), "\n exp", JSON.stringify(c.ids));
      bad++;
    }
  }
  console.log("mismatches", bad, "of", cases.length);
  expect(bad).toBe(0);
});
