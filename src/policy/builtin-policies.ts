/**
 * Where the built-in policies live: `builtin/` next to this module, in src/ under vitest and in
 * dist/ after the build (scripts/copy-assets.mjs copies the folder).
 */
import { fileURLToPath } from "node:url";

export const BUILTIN_POLICY_NAMES = ["default", "strict", "permissive"] as const;
export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

export function isBuiltinPolicyName(name: string): name is BuiltinPolicyName {
  return (BUILTIN_POLICY_NAMES as readonly string[]).includes(name);
}

export function builtinPolicyPath(name: BuiltinPolicyName): string {
  return fileURLToPath(new URL(`./builtin/${name}.yaml`, import.meta.url));
}

/** The label a built-in policy carries in sources and error messages. */
export function builtinSource(name: BuiltinPolicyName): string {
  return `builtin:${name}`;
}
