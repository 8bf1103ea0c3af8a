/**
 * Reading the server configuration: a YAML file, plus the command line's overrides (port, host, policy,
 * upstream), validated in one pass so every problem is reported at once, each with its field path.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { isBuiltinPolicyName } from "../../policy/builtin-policies.js";
import { formatPath, type PathSegment } from "../../policy/problems.js";
import { ServerConfigSchema, type ServerConfig } from "./schema.js";

/** A configuration that cannot be used, with every problem in one line. */
export class ServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServerConfigError";
  }
}

export interface LoadedServerConfig {
  config: ServerConfig;
  /** Folder that relative paths in the config (policies, replay files) resolve against. */
  baseDir: string;
  /** The file it came from, when there was one. */
  source?: string;
}

/** What the command line can set over (or instead of) the file. */
export interface ServerConfigOverrides {
  port?: number;
  host?: string;
  policy?: string;
  upstreamBaseURL?: string;
  upstreamModel?: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((issue) => {
      const path = formatPath(issue.path.filter((p): p is PathSegment => typeof p !== "symbol"));
      return `${path === "" ? "(top level)" : path}: ${issue.message}`;
    })
    .join("; ");
}

/** Validates a configuration object (from YAML, or built in code). */
export function parseServerConfig(input: unknown, label = "server config"): ServerConfig {
  const parsed = ServerConfigSchema.safeParse(input);
  if (!parsed.success) throw new ServerConfigError(`invalid ${label}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function applyOverrides(raw: Record<string, unknown>, o: ServerConfigOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  if (o.port !== undefined) out.port = o.port;
  if (o.host !== undefined) out.host = o.host;
  // A policy path on the command line is relative to the working directory, not to the config file.
  if (o.policy !== undefined) out.policy = isBuiltinPolicyName(o.policy) ? o.policy : resolve(o.policy);
  if (o.upstreamBaseURL !== undefined || o.upstreamModel !== undefined) {
    const base =
      typeof raw.upstream === "object" && raw.upstream !== null
        ? (raw.upstream as Record<string, unknown>)
        : { kind: "openai" };
    const upstream: Record<string, unknown> = { ...base };
    if (o.upstreamBaseURL !== undefined) upstream.baseURL = o.upstreamBaseURL;
    if (o.upstreamModel !== undefined) upstream.model = o.upstreamModel;
    out.upstream = upstream;
  }
  return out;
}

/**
 * Loads `path` (when given) and applies the overrides. Without a file, the upstream must come from
 * the overrides (`--upstream-base-url` and `--upstream-model`).
 */
export async function loadServerConfig(
  path: string | undefined,
  overrides: ServerConfigOverrides = {},
): Promise<LoadedServerConfig> {
  let raw: Record<string, unknown> = {};
  let baseDir = process.cwd();
  let source: string | undefined;
  if (path !== undefined) {
    source = resolve(path);
    baseDir = dirname(source);
    let text: string;
    try {
      text = await readFile(source, "utf8");
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(err);
      throw new ServerConfigError(`cannot read server config ${path}: ${reason}`);
    }
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split("\n")[0];
      throw new ServerConfigError(`server config ${path} is not valid YAML: ${first}`);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc)))
      throw new ServerConfigError(`server config ${path} must be a YAML mapping (key: value lines)`);
    raw = (doc as Record<string, unknown> | null) ?? {};
  }
  const merged = applyOverrides(raw, overrides);
  if (merged.upstream === undefined)
    throw new ServerConfigError(
      "no upstream model: give --config server.yaml with an upstream: section, or --upstream-base-url URL --upstream-model M",
    );
  const config = parseServerConfig(merged, path !== undefined ? `server config ${path}` : "server options");
  return source !== undefined ? { config, baseDir, source } : { config, baseDir };
}
