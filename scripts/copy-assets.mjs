// Copies non-TypeScript assets (built-in policies) next to the compiled code so dist/ is self-contained.
import { cpSync, existsSync } from "node:fs";

if (existsSync("src/policy/builtin"))
  cpSync("src/policy/builtin", "dist/policy/builtin", { recursive: true });
