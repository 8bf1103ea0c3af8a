/**
 * The README's and the docs' TypeScript examples are runnable: each ```ts block is written to a file and
 * imported, with "guardstack" resolving to the built package (dist/, built by the global setup) through
 * its own exports.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const dir = join(process.cwd(), "test", ".readme-examples");
const docs = existsSync("docs")
  ? readdirSync("docs")
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => join("docs", f))
  : [];
const blocks = ["README.md", ...docs].flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
    name: `${file} example ${i + 1}`,
    code: m[1] ?? "",
  })),
);

describe("README examples", () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  blocks.forEach(({ name, code }, i) => {
    it(`${name} runs`, async () => {
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
    });
  });
});
