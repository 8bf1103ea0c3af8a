// Copies non-TypeScript assets (built-in policies, trained weights) next to the compiled code so dist/ is self-contained.
import { chmodSync, cpSync, existsSync } from "node:fs";

const ASSETS = [
  "policy/builtin",
  "classifiers/embeddings/weights",
  "classifiers/weights",
  "eval/suites/builtin",
];
for (const dir of ASSETS) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}

// The `guardstack` bin: tsc writes it without the execute bit, and npm links bins before `prepare` builds
// them, so make it executable here (a fresh `npm install && npx guardstack ...` depends on it).
if (existsSync("dist/cli/main.js")) chmodSync("dist/cli/main.js", 0o755);
