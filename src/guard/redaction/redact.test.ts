import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { RedactionSettings } from "../../policy/schema.js";
import { redact, modeFor } from "./redact.js";
import { mergeItems } from "./merge.js";
import { Vault } from "./vault.js";
import { tagFor } from "./tags.js";

const settings = (over: Record<string, unknown> = {}) => RedactionSettings.parse(over);

describe("redact: placeholder mode", () => {
  it("numbers distinct values per label and reuses the number for a repeated value", () => {
    const raw = "a@x.com, b@y.org and a@x.com again; call 555-0100";
    const items = [
      { span: [0, 7] as [number, number], label: "email" },
      { span: [9, 16] as [number, number], label: "email" },
      { span: [21, 28] as [number, number], label: "email" },
      { span: [41, 49] as [number, number], label: "phone" },
    ];
    const r = redact(raw, items, settings());
    expect(r.text).toBe("[EMAIL_1], [EMAIL_2] and [EMAIL_1] again; call [PHONE_1]");
    expect(r.replacements).toHaveLength(4);
    expect(r.replacements[3]).toMatchObject({
      span: [41, 49],
      label: "phone",
      mode: "placeholder",
      replacement: "[PHONE_1]",
    });
    const o = r.replacements[1]!.outputSpan;
    expect(r.text.slice(o[0], o[1])).toBe("[EMAIL_2]");
  });

  it("turns any label into an identifier tag", () => {
    expect(tagFor("national-id:es-dni")).toBe("NATIONAL_ID_ES_DNI");
    expect(tagFor("credit-card")).toBe("CREDIT_CARD");
    expect(tagFor("---")).toBe("REDACTED");
  });

  it("handles spans at the very start and end of the text", () => {
    const raw = "bob@x.io";
    expect(redact(raw, [{ span: [0, raw.length], label: "email" }], settings()).text).toBe("[EMAIL_1]");
    const raw2 = "hi bob@x.io";
    expect(redact(raw2, [{ span: [3, 11], label: "email" }], settings()).text).toBe("hi [EMAIL_1]");
  });

  it("ignores empty, reversed-empty and out-of-range parts of spans", () => {
    const raw = "abc";
    expect(redact(raw, [{ span: [2, 2], label: "x" }], settings()).text).toBe("abc");
    expect(redact(raw, [{ span: [1, 99], label: "x" }], settings({ mode: "mask" })).text).toBe("a**");
    expect(redact(raw, [{ span: [-5, 1], label: "x" }], settings({ mode: "mask" })).text).toBe("*bc");
  });
});

describe("redact: overlaps", () => {
  it("merges overlapping spans and lets the wider label win", () => {
    const raw = "ship to 12 High St, card 4111 1111 1111 1111 now";
    // an address span that (wrongly) swallows the card, and the card itself
    const items = [
      { span: [25, 44] as [number, number], label: "credit-card" },
      { span: [8, 44] as [number, number], label: "street-address" },
    ];
    const r = redact(raw, items, settings());
    expect(r.text).toBe("ship to [STREET_ADDRESS_1] now");
    expect(r.replacements).toHaveLength(1);
  });

  it("merges a chain of overlaps into one span", () => {
    const merged = mergeItems("0123456789", [
      { span: [0, 3], label: "a" },
      { span: [2, 6], label: "b" },
      { span: [5, 7], label: "c" },
    ]);
    expect(merged).toEqual([{ span: [0, 7], label: "b" }]);
  });

  it("keeps adjacent but non-overlapping spans apart", () => {
    const r = redact(
      "ab",
      [
        { span: [0, 1], label: "x" },
        { span: [1, 2], label: "y" },
      ],
      settings(),
    );
    expect(r.text).toBe("[X_1][Y_1]");
  });
});

describe("redact: mask mode", () => {
  it("keeps the length and the last four digits of a card, and its separators", () => {
    const raw = "card 4111-1111-1111-1234 ok";
    const r = redact(raw, [{ span: [5, 24], label: "credit-card" }], settings({ mode: "mask" }));
    expect(r.text).toBe("card ****-****-****-1234 ok");
    expect(r.text.length).toBe(raw.length);
  });

  it("masks other values fully with the configured character, one per code point", () => {
    const raw = "name: Zoë 😀 Smith.";
    const r = redact(raw, [{ span: [6, 18], label: "person" }], settings({ mode: "mask", maskChar: "#" }));
    expect(r.text).toBe(
      "name: ############.".replace("############", "#".repeat([..."Zoë 😀 Smith"].length)),
    );
  });

  it("never splits a surrogate pair: a span edge inside one is widened", () => {
    const raw = "x😀y";
    // span [1,2) covers only the high surrogate
    const r = redact(raw, [{ span: [1, 2], label: "emoji" }], settings({ mode: "mask" }));
    expect(r.text).toBe("x*y");
    expect(r.replacements[0]!.span).toEqual([1, 3]);
    const r2 = redact(raw, [{ span: [2, 4], label: "emoji" }], settings());
    expect(r2.replacements[0]!.span).toEqual([1, 4]);
    expect(r2.text).toBe("x[EMOJI_1]");
  });

  it("keeps line breaks inside a masked address", () => {
    const raw = "12 Main St\nSpringfield";
    expect(
      redact(raw, [{ span: [0, raw.length], label: "street-address" }], settings({ mode: "mask" })).text,
    ).toBe("**********\n***********");
  });
});

describe("redact: hash mode", () => {
  it("emits a salted, stable 8-hex tag", () => {
    const raw = "mail a@x.com and a@x.com";
    const items = [
      { span: [5, 12] as [number, number], label: "email" },
      { span: [17, 24] as [number, number], label: "email" },
    ];
    const r1 = redact(raw, items, settings({ mode: "hash", hashSalt: "s1" }));
    const m = /^mail \[EMAIL:([0-9a-f]{8})\] and \[EMAIL:([0-9a-f]{8})\]$/.exec(r1.text);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    const r2 = redact(raw, items, settings({ mode: "hash", hashSalt: "s2" }));
    expect(r2.text).not.toBe(r1.text);
    expect(m![1]).toBe(createHash("sha256").update("s1a@x.com").digest("hex").slice(0, 8));
  });
});

describe("redact: per-label modes", () => {
  it("overrides the mode per label, and a label family covers its members", () => {
    const s = settings({ mode: "placeholder", labels: { email: "mask", "national-id": "hash" } });
    expect(modeFor("email", s)).toBe("mask");
    expect(modeFor("national-id:es-dni", s)).toBe("hash");
    expect(modeFor("phone", s)).toBe("placeholder");
    const raw = "a@b.co 12345678Z 555";
    const r = redact(
      raw,
      [
        { span: [0, 6], label: "email" },
        { span: [7, 16], label: "national-id:es-dni" },
        { span: [17, 20], label: "phone" },
      ],
      s,
    );
    expect(r.text).toMatch(/^\*{6} \[NATIONAL_ID_ES_DNI:[0-9a-f]{8}\] \[PHONE_1\]$/);
  });
});

describe("vault", () => {
  it("round-trips: redact, the model answers with placeholders, deanonymize restores", () => {
    const vault = new Vault();
    const raw = "I'm Ana Ruiz, ana@x.es, and Ana Ruiz again";
    const items = [
      { span: [4, 12] as [number, number], label: "person" },
      { span: [14, 22] as [number, number], label: "email" },
      { span: [28, 36] as [number, number], label: "person" },
    ];
    const r = redact(raw, items, settings({ mode: "vault" }), vault);
    expect(r.text).toBe("I'm [PERSON_1], [EMAIL_1], and [PERSON_1] again");
    expect(vault.entries()).toEqual([
      { placeholder: "[PERSON_1]", label: "person", value: "Ana Ruiz" },
      { placeholder: "[EMAIL_1]", label: "email", value: "ana@x.es" },
    ]);
    const answer = "Hello [PERSON_1]! I will write to [EMAIL_1].";
    expect(vault.deanonymize(answer)).toBe("Hello Ana Ruiz! I will write to ana@x.es.");
  });

  it("keeps numbering stable across turns of one conversation", () => {
    const vault = new Vault();
    const s = settings({ mode: "vault" });
    const t1 = redact("mail a@x.com", [{ span: [5, 12], label: "email" }], s, vault).text;
    const t2 = redact(
      "b@y.com or a@x.com",
      [
        { span: [0, 7], label: "email" },
        { span: [11, 18], label: "email" },
      ],
      s,
      vault,
    ).text;
    expect(t1).toBe("mail [EMAIL_1]");
    expect(t2).toBe("[EMAIL_2] or [EMAIL_1]");
    expect(vault.size).toBe(2);
  });

  it("tolerates placeholders the model reformatted", () => {
    const vault = new Vault();
    vault.placeholderFor("email", "a@x.com");
    vault.placeholderFor("credit-card", "4111111111111111");
    expect(vault.deanonymize("[email_1]")).toBe("a@x.com");
    expect(vault.deanonymize("write to EMAIL_1 today")).toBe("write to a@x.com today");
    expect(vault.deanonymize("[EMAIL 1] / <EMAIL-1> / {Email_1}")).toBe("a@x.com / a@x.com / a@x.com");
    expect(vault.deanonymize("[ CREDIT CARD_1 ] and CREDITCARD1")).toBe(
      "4111111111111111 and 4111111111111111",
    );
    // a lone bracket belongs to the prose
    expect(vault.deanonymize("(EMAIL_1)")).toBe("(a@x.com)");
  });

  it("leaves unknown placeholders and look-alike words alone", () => {
    const vault = new Vault();
    vault.placeholderFor("email", "a@x.com");
    expect(vault.deanonymize("[EMAIL_2] and [PHONE_1]")).toBe("[EMAIL_2] and [PHONE_1]");
    expect(vault.deanonymize("XEMAIL_1 and EMAIL_12 and EMAIL_1234567")).toBe(
      "XEMAIL_1 and EMAIL_12 and EMAIL_1234567",
    );
    expect(new Vault().deanonymize("[EMAIL_1]")).toBe("[EMAIL_1]");
  });

  it("looks up one placeholder and can be cleared", () => {
    const vault = new Vault();
    vault.placeholderFor("phone", "+1 555 0100");
    expect(vault.lookup("phone_1")).toBe("+1 555 0100");
    expect(vault.lookup("[PHONE_2]")).toBeUndefined();
    vault.clear();
    expect(vault.size).toBe(0);
    expect(vault.deanonymize("[PHONE_1]")).toBe("[PHONE_1]");
  });

  it("without a vault, vault mode still redacts (with per-text placeholders)", () => {
    const r = redact("a@x.com", [{ span: [0, 7], label: "email" }], settings({ mode: "vault" }));
    expect(r.text).toBe("[EMAIL_1]");
  });
});

describe("redaction regexes", () => {
  it("deanonymize runs in linear time on pathological input", () => {
    const vault = new Vault();
    for (let i = 0; i < 20; i++) vault.placeholderFor(`label-${i}`, `v${i}`);
    const time = (n: number) => {
      const text = "[LABEL_0_".repeat(n) + "LABEL 1 ".repeat(n);
      const t0 = performance.now();
      vault.deanonymize(text);
      return performance.now() - t0;
    };
    time(1000);
    const small = time(5000);
    const big = time(40000);
    expect(big).toBeLessThan(small * 8 * 4 + 20);
  });
});
