// Copies non-TypeScript assets (built-in policies, trained weights) next to the compiled code so dist/ is self-contained.
import { cpSync, existsSync } from "node:fs";

const ASSETS = ["policy/builtin", "classifiers/embeddings/weights", "classifiers/weights"];
for (const dir of ASSETS) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
