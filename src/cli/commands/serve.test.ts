/**
 * `guardstack serve` as a user runs it: the built binary in a child process on a free port, in front of
 * the mock OpenAI server; ready when it prints its address; stops gracefully on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockOpenAIServer, type MockOpenAIServer } from "../../providers/testing/mock-openai-server.js";

const BIN = join(process.cwd(), "dist", "cli", "main.js");
const tmp = mkdtempSync(join(tmpdir(), "guardstack-serve-"));

let mock: MockOpenAIServer;
beforeAll(async () => {
  mock = await startMockOpenAIServer({
    handler: (body) =>
      JSON.stringify(body.messages).includes("slow")
        ? { text: "finished", delayMs: 800 }
        : { text: "hello back" },
  });
});
afterAll(async () => {
  await mock.close();
});

function gs(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `guardstack serve ...` and resolves with its URL once it prints the readiness line. */
function startServe(
  args: string[],
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GUARDSTACK_LOG_LEVEL: "warn" },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`serve did not become ready: ${out} ${err}`)), 20_000);
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /guardstack serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, exited });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}

describe("guardstack serve", () => {
  it("serves the proxy on a free port and drains a request in flight on SIGTERM", async () => {
    const { child, url, exited } = await startServe([
      "--port",
      "0",
      "--upstream-base-url",
      mock.url,
      "--upstream-model",
      "mock-model",
    ]);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${url}/healthz`)).json()) as {
        status: string;
        upstream: { reachable: boolean };
      };
      expect(health).toMatchObject({ status: "ok", upstream: { reachable: true } });

      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: "unused", maxRetries: 0 });
      const c = await client.chat.completions.create({
        model: "mock-model",
        messages: [{ role: "user", content: "hi" }],
      });
      expect(c.choices[0]?.message.content).toBe("hello back");

      const slow = client.chat.completions.create({
        model: "mock-model",
        messages: [{ role: "user", content: "slow" }],
      });
      while (mock.inFlight === 0) await new Promise((r) => setTimeout(r, 10));
      child.kill("SIGTERM");
      expect((await slow).choices[0]?.message.content).toBe("finished");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("reads a config file, with keys", async () => {
    const hash = gs(["serve", "hash-key", "-"], "cli-test-key-0123456789\n").stdout.trim();
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const config = join(tmp, "server.yaml");
    writeFileSync(
      config,
      `port: 0\nupstream:\n  kind: openai\n  baseURL: ${mock.url}\n  model: mock-model\nkeys:\n  - id: cli\n    hash: ${hash}\n`,
    );
    const { child, url, exited } = await startServe(["--config", config]);
    try {
      const res = await fetch(`${url}/v1/models`);
      expect(res.status).toBe(401);
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: "cli-test-key-0123456789", maxRetries: 0 });
      expect((await client.models.list()).data[0]?.id).toBe("mock-model");
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("prints a key's hash", () => {
    const r = gs(["serve", "hash-key", "abc-0123456789abcdef"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      `sha256:${createHash("sha256").update("abc-0123456789abcdef").digest("hex")}`,
    );
    expect(gs(["serve", "hash-key", "short"]).stderr).toMatch(/too short/);
  });

  it("fails in one line without a stack for a bad config, or a public address without keys", () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, "upstream: { kind: openai }\n");
    const r = gs(["serve", "--config", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/upstream\.model/);

    const open = gs(["serve", "--host", "0.0.0.0", "--upstream-base-url", mock.url, "--upstream-model", "m"]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without API keys/);
    expect(open.stderr).not.toMatch(/^\s+at /m);

    const none = gs(["serve"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no upstream model/);
  });
});
