/**
 * The README's TypeScript examples are runnable: each ```ts block is written to a file and imported, with
 * "guardstack" resolving to the built package (dist/, built by the global setup) through its own exports.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const dir = join(process.cwd(), "test", ".readme-examples");
const blocks = [...readFileSync("README.md", "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (m) => m[1] ?? "",
);

describe("README examples", () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs`, async () => {
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
    });
  });
});
