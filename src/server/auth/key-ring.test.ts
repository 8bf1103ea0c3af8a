/** API keys: stored as sha256 hashes, checked in constant time against every configured key. */
import { describe, expect, it } from "vitest";
import { HttpError } from "../http/openai-error.js";
import { hashKey } from "./hash-key.js";
import { KeyRing } from "./key-ring.js";

const A = "key-a-0123456789abcdef";
const B = "key-b-0123456789abcdef";

describe("hashKey", () => {
  it("is sha256 in hex with a prefix", () => {
    expect(hashKey("abc")).toBe("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("KeyRing", () => {
  const ring = new KeyRing([
    { id: "a", hash: hashKey(A) },
    { id: "b", hash: hashKey(B), policy: "strict" },
  ]);

  it("finds the caller by their Bearer key", () => {
    expect(ring.authenticate(`Bearer ${A}`).keyId).toBe("a");
    expect(ring.authenticate(`bearer   ${B}  `).key?.policy).toBe("strict");
  });

  it("401s a missing, malformed or unknown key", () => {
    const code = (h: string | undefined) => {
      try {
        ring.authenticate(h);
        return "passed";
      } catch (err) {
        expect(err).toBeInstanceOf(HttpError);
        expect((err as HttpError).status).toBe(401);
        return (err as HttpError).code;
      }
    };
    expect(code(undefined)).toBe("missing_api_key");
    expect(code("Basic abc")).toBe("missing_api_key");
    expect(code("Bearer ")).toBe("missing_api_key");
    expect(code(`Bearer ${A}x`)).toBe("invalid_api_key");
    expect(code(`Bearer ${A.slice(0, -1)}`)).toBe("invalid_api_key");
    expect(code(`Bearer ${hashKey(A)}`)).toBe("invalid_api_key"); // the hash is not the key
  });

  it("lets everyone in as anonymous when no keys are configured", () => {
    expect(new KeyRing([]).authenticate(undefined).keyId).toBe("anonymous");
  });
});
