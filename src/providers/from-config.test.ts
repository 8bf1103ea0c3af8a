import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ProviderConfigError,
  ProviderConfigSchema,
  parseProviderConfig,
  providerFromConfig,
} from "./from-config.js";
import { startMockAnthropicServer } from "./testing/mock-anthropic-server.js";
import { startMockOpenAIServer } from "./testing/mock-openai-server.js";

const dir = mkdtempSync(join(tmpdir(), "guardstack-provcfg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ProviderConfigSchema", () => {
  it("accepts each kind and rejects unknown fields and kinds", () => {
    expect(ProviderConfigSchema.safeParse({ kind: "openai", model: "llama3" }).success).toBe(true);
    expect(ProviderConfigSchema.safeParse({ kind: "anthropic", model: "c", maxTokens: 10 }).success).toBe(
      true,
    );
    expect(ProviderConfigSchema.safeParse({ kind: "replay", path: "r.jsonl" }).success).toBe(true);
    expect(ProviderConfigSchema.safeParse({ kind: "openai", model: "m", modle: "typo" }).success).toBe(false);
    expect(ProviderConfigSchema.safeParse({ kind: "cohere", model: "m" }).success).toBe(false);
    expect(ProviderConfigSchema.safeParse({ kind: "replay", path: "r", model: "m" }).success).toBe(false);
  });

  it("explains what is wrong in one line", () => {
    expect(() => parseProviderConfig({ kind: "openai", baseURL: "localhost:8080" })).toThrow(
      ProviderConfigError,
    );
    try {
      parseProviderConfig({ kind: "openai", baseURL: "ftp://x", timeoutMs: -1 });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/^invalid provider config: /);
      expect(msg).toContain("model");
      expect(msg).toContain("baseURL");
      expect(msg).toContain("timeoutMs");
      expect(msg).not.toContain("\n");
    }
  });
});

describe("providerFromConfig", () => {
  it("builds a working OpenAI-compatible provider from YAML", async () => {
    const server = await startMockOpenAIServer();
    try {
      const cfg: unknown = parse(`kind: openai\nmodel: qwen2.5\nbaseURL: ${server.url}\nconcurrency: 2\n`);
      const provider = providerFromConfig(cfg);
      expect(provider.name).toBe("openai:qwen2.5");
      expect((await provider.complete({ messages: [{ role: "user", content: "yaml" }] })).text).toBe(
        "Echo: yaml",
      );
    } finally {
      await server.close();
    }
  });

  it("builds an Anthropic provider", async () => {
    const server = await startMockAnthropicServer();
    try {
      const provider = providerFromConfig({
        kind: "anthropic",
        model: "c",
        baseURL: server.url,
        name: "claude",
      });
      expect(provider.name).toBe("claude");
      expect((await provider.complete({ messages: [{ role: "user", content: "hey" }] })).text).toBe(
        "Echo: hey",
      );
    } finally {
      await server.close();
    }
  });

  it("resolves a replay path against baseDir", async () => {
    writeFileSync(join(dir, "rec.jsonl"), JSON.stringify({ prompt: "p", response: "r" }) + "\n");
    const provider = providerFromConfig({ kind: "replay", path: "rec.jsonl" }, { baseDir: dir });
    expect((await provider.complete({ messages: [{ role: "user", content: "p" }] })).text).toBe("r");
    expect(() => providerFromConfig({ kind: "replay", path: "nope.jsonl" }, { baseDir: dir })).toThrow(
      /cannot read replay file/,
    );
  });
});
