/** Server configuration: YAML loading, validation messages naming the field, CLI overrides, key hashes. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashKey } from "../auth/hash-key.js";
import { isLoopbackHost } from "../http/loopback.js";
import { startServer } from "../server.js";
import { silentLogger } from "../testing/harness.js";
import { loadServerConfig, parseServerConfig, ServerConfigError } from "./load.js";

const dir = mkdtempSync(join(tmpdir(), "guardstack-server-config-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const UPSTREAM = { kind: "openai" as const, baseURL: "http://127.0.0.1:9999/v1", model: "m" };

describe("loadServerConfig", () => {
  it("reads a YAML file and fills the defaults", async () => {
    const p = file(
      "ok.yaml",
      [
        "upstream:",
        "  kind: openai",
        "  baseURL: http://127.0.0.1:11434/v1",
        "  model: llama3.1",
        "policy: strict",
        "keys:",
        `  - id: team-a`,
        `    hash: ${hashKey("a-long-enough-secret-key").toUpperCase().replace("SHA256", "sha256")}`,
        "    policy: ./team-a.yaml",
      ].join("\n"),
    );
    const { config, baseDir, source } = await loadServerConfig(p);
    expect(baseDir).toBe(dir);
    expect(source).toBe(p);
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      policy: "strict",
      limits: { maxBodyBytes: 1024 * 1024 },
      reviewQueue: false,
      shutdown: { graceMs: 10_000 },
    });
    // Hashes are normalised to lower case.
    expect(config.keys[0]?.hash).toBe(hashKey("a-long-enough-secret-key"));
  });

  it("lets the command line override the file, or stand in for it", async () => {
    const p = file(
      "base.yaml",
      "upstream: { kind: openai, model: a, baseURL: 'http://127.0.0.1:1/v1' }\nport: 9000\n",
    );
    const { config } = await loadServerConfig(p, { port: 0, policy: "permissive", upstreamModel: "b" });
    expect(config.port).toBe(0);
    expect(config.policy).toBe("permissive");
    expect(config.upstream).toMatchObject({ kind: "openai", model: "b", baseURL: "http://127.0.0.1:1/v1" });

    // A policy path given on the command line is relative to the working directory.
    const rel = await loadServerConfig(p, { policy: "policies/mine.yaml" });
    expect(rel.config.policy).toBe(join(process.cwd(), "policies", "mine.yaml"));

    const flags = await loadServerConfig(undefined, {
      upstreamBaseURL: "http://127.0.0.1:8080/v1",
      upstreamModel: "x",
    });
    expect(flags.config.upstream).toEqual({
      kind: "openai",
      baseURL: "http://127.0.0.1:8080/v1",
      model: "x",
    });
  });

  it("names every bad field in one line", async () => {
    const p = file(
      "bad.yaml",
      "upstream: { kind: openai }\nkeys:\n  - id: a\n    hash: sha256:1234\nlimits: { maxBodyBytes: -1 }\nprot: 1\n",
    );
    const err = await loadServerConfig(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerConfigError);
    const msg = (err as Error).message;
    expect(msg).not.toContain("\n");
    expect(msg).toContain("upstream.model");
    expect(msg).toContain("keys[0].hash");
    expect(msg).toContain("guardstack serve hash-key");
    expect(msg).toContain("limits.maxBodyBytes");
    expect(msg).toContain("prot");
  });

  it("says what is wrong with a missing file, bad YAML, or no upstream at all", async () => {
    await expect(loadServerConfig(join(dir, "nope.yaml"))).rejects.toThrow(
      /cannot read server config .*no such file/,
    );
    await expect(loadServerConfig(file("y.yaml", "upstream: [unclosed"))).rejects.toThrow(/not valid YAML/);
    await expect(loadServerConfig(file("l.yaml", "- a\n- b\n"))).rejects.toThrow(/must be a YAML mapping/);
    await expect(loadServerConfig(undefined)).rejects.toThrow(/--upstream-base-url URL --upstream-model M/);
  });

  it("refuses a key that is not a sha256 hash, and duplicate key ids", async () => {
    expect(() =>
      parseServerConfig({ upstream: UPSTREAM, keys: [{ id: "a", hash: "plain-secret" }] }),
    ).toThrow(/keys\[0\]\.hash/);
    await expect(
      startServer({
        config: {
          port: 0,
          upstream: UPSTREAM,
          keys: [
            { id: "a", hash: hashKey("k1-0123456789abcdef") },
            { id: "a", hash: hashKey("k2-0123456789abcdef") },
          ],
        },
        logger: silentLogger(),
      }),
    ).rejects.toThrow(/two keys have the id "a"/);
  });
});

describe("listening without keys", () => {
  it("refuses a non-loopback address without keys, with the fix in the message", async () => {
    await expect(
      startServer({ config: { port: 0, host: "0.0.0.0", upstream: UPSTREAM }, logger: silentLogger() }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without API keys.*hash-key/);
  });

  it("binds a non-loopback address once keys are configured", async () => {
    const s = await startServer({
      config: {
        port: 0,
        host: "0.0.0.0",
        upstream: UPSTREAM,
        keys: [{ id: "a", hash: hashKey("k-0123456789abcdef") }],
      },
      logger: silentLogger(),
    });
    expect(s.host).toBe("0.0.0.0");
    await s.close({ graceMs: 0 });
  });

  it("names a bad policy at start, not per request", async () => {
    await expect(
      startServer({
        config: { port: 0, upstream: UPSTREAM, policy: "no-such-policy" },
        logger: silentLogger(),
      }),
    ).rejects.toThrow(/^policy: /);
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.com", "128.0.0.1"])
      expect(isLoopbackHost(h)).toBe(false);
  });
});
