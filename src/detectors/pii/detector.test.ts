import { describe, expect, it } from "vitest";
import { defaultDetectorSettings } from "../../policy/detector-settings.js";
import { normalize } from "../../text/normalize.js";
import { rawText } from "../../text/raw.js";
import type { GuardText } from "../../text/types.js";
import type { Finding } from "../types.js";
import { dedupe, detectPii, labelSelected, piiDetector } from "./detector.js";

const SETTINGS = { entities: [] as string[], defaultRegion: "US" };

function scan(text: string | GuardText, entities: string[] = [], region = "US"): Finding[] {
  const gt = typeof text === "string" ? rawText(text) : text;
  return detectPii(gt, { entities, defaultRegion: region });
}

/** The finding of `label` whose raw span covers `value` in `text`, if any. */
function find(text: string, label: string, value: string, gt?: GuardText): Finding | undefined {
  const start = text.indexOf(value);
  return scan(gt ?? text).find(
    (f) => f.label === label && f.span![0] <= start && f.span![1] >= start + value.length,
  );
}

function scoreOf(text: string, label: string, value: string): number {
  return find(text, label, value)?.score ?? 0;
}

describe("piiDetector", () => {
  it("is a fast detector for every stage in the pii category", async () => {
    expect(piiDetector.name).toBe("pii");
    expect(piiDetector.cost).toBe("fast");
    expect(piiDetector.categories).toEqual(["pii"]);
    expect(piiDetector.stages).toEqual(["input", "retrieval", "toolCall", "toolResult", "output"]);
    const f = await piiDetector.detect(rawText("mail me: jane.roe@example.com"), {
      stage: "input",
      settings: defaultDetectorSettings(),
    });
    expect(f).toEqual([
      {
        detector: "pii",
        category: "pii",
        score: 0.95,
        label: "email",
        span: [9, 29],
        view: "raw",
        evidence: "email: address syntax",
      },
    ]);
  });

  it("never puts the value itself in the evidence", () => {
    const text = "card 4111 1111 1111 1111, ssn 536-90-4399, iban GB82 WEST 1234 5698 7654 32";
    for (const f of scan(text)) {
      const value = text.slice(f.span![0], f.span![1]);
      expect(f.evidence).not.toContain(value);
    }
  });
});

describe("email", () => {
  it("finds addresses and rejects near-misses", () => {
    expect(
      scoreOf("write to UtaKortig@jourrapide.com.", "email", "UtaKortig@jourrapide.com"),
    ).toBeGreaterThan(0.9);
    expect(scoreOf("a.b+tag@sub.example.co.uk", "email", "a.b+tag@sub.example.co.uk")).toBeGreaterThan(0.9);
    expect(
      scan("user@localhost and a..b@x.com and @handle and x@1.2.3.4").filter((f) => f.label === "email"),
    ).toEqual([]);
  });
});

describe("payment cards", () => {
  it("needs Luhn; a known issuer and card context raise the score", () => {
    expect(
      scoreOf("my card 4111 1111 1111 1111 expires soon", "credit-card", "4111 1111 1111 1111"),
    ).toBeGreaterThanOrEqual(0.95);
    const bare = scoreOf("4111111111111111", "credit-card", "4111111111111111");
    expect(bare).toBeGreaterThanOrEqual(0.75);
    expect(bare).toBeLessThan(0.95);
    expect(scoreOf("amex 3782-822463-10005", "credit-card", "3782-822463-10005")).toBeGreaterThan(0.9);
    expect(find("card 4111 1111 1111 1112", "credit-card", "4111 1111 1111 1112")).toBeUndefined();
    expect(find("0000 0000 0000 0000", "credit-card", "0000 0000 0000 0000")).toBeUndefined();
  });

  it("lowers the score near order, tracking and invoice numbers", () => {
    const plain = scoreOf("4111111111111111", "credit-card", "4111111111111111");
    const order = scoreOf("tracking number 4111111111111111", "credit-card", "4111111111111111");
    expect(order).toBeLessThan(plain - 0.2);
    expect(order).toBeLessThan(0.5);
  });

  it("does not take a number that continues with more digits", () => {
    expect(find("ref 41111111111111110001", "credit-card", "4111111111111111")).toBeUndefined();
    expect(find("4111 1111 1111 1111 2024", "credit-card", "4111 1111 1111 1111")).toBeDefined();
  });
});

describe("IBAN", () => {
  it("checks the country length and mod 97, with or without groups and in lower case", () => {
    expect(
      scoreOf("IBAN GB82 WEST 1234 5698 7654 32 thanks", "iban", "GB82 WEST 1234 5698 7654 32"),
    ).toBeGreaterThan(0.9);
    expect(scoreOf("from DE89370400440532013000 to", "iban", "DE89370400440532013000")).toBeGreaterThan(0.85);
    expect(scoreOf("gb82west12345698765432", "iban", "gb82west12345698765432")).toBeGreaterThan(0.85);
    expect(find("GB82WEST12345698765433", "iban", "GB82WEST12345698765433")).toBeUndefined();
    expect(find("GB82WEST1234569876543", "iban", "GB82WEST1234569876543")).toBeUndefined();
    expect(find("XX82WEST12345698765432", "iban", "XX82WEST12345698765432")).toBeUndefined();
  });

  it("the span stops at the IBAN's length", () => {
    const text = "IBAN GB82 WEST 1234 5698 7654 32 1234 more";
    const f = scan(text).find((x) => x.label === "iban")!;
    expect(text.slice(f.span![0], f.span![1])).toBe("GB82 WEST 1234 5698 7654 32");
  });
});

describe("US SSN", () => {
  it("applies the SSA ranges", () => {
    for (const bad of [
      "666-12-3456",
      "900-12-3456",
      "000-12-3456",
      "123-00-4567",
      "123-45-0000",
      "078-05-1120",
    ]) {
      expect(find(`ssn ${bad}`, "us-ssn", bad), bad).toBeUndefined();
    }
  });

  it("context words raise it; bare nine digits are weak", () => {
    expect(scoreOf("Here's my SSN: 536-90-4399", "us-ssn", "536-90-4399")).toBeGreaterThanOrEqual(0.9);
    expect(
      scoreOf("his social security number is 536 90 4399", "us-ssn", "536 90 4399"),
    ).toBeGreaterThanOrEqual(0.8);
    const bare = scoreOf("536904399", "us-ssn", "536904399");
    expect(bare).toBeGreaterThan(0.3);
    expect(bare).toBeLessThan(0.5);
    expect(scoreOf("536-90-4399", "us-ssn", "536-90-4399")).toBeLessThan(0.7);
  });
});

describe("phone numbers", () => {
  it("validates with libphonenumber in the default region and internationally", () => {
    expect(scoreOf("call me at (415) 555-0132 tonight", "phone", "(415) 555-0132")).toBeGreaterThan(0.9);
    expect(scoreOf("+44 20 7946 0958", "phone", "+44 20 7946 0958")).toBeGreaterThanOrEqual(0.85);
    expect(scoreOf("reach me on +46 (0)8 928 571 38", "phone", "+46 (0)8 928 571 38")).toBeGreaterThan(0.9);
    expect(scoreOf("780-999-2181", "phone", "780-999-2181")).toBeGreaterThanOrEqual(0.75);
  });

  it("uses the policy's default region", () => {
    const uk = "020 7946 0958";
    expect(scan(uk, [], "GB").find((f) => f.label === "phone")?.score).toBeGreaterThanOrEqual(0.75);
    expect(scan(uk, [], "US").find((f) => f.label === "phone")?.score ?? 0).toBeLessThan(0.75);
  });

  it("rejects dates, IP addresses, too short and too long runs", () => {
    const text = "on 2024-03-15 and 12/05/2023 from 192.168.10.20, code 12345, id 1234567890123456789";
    expect(scan(text).filter((f) => f.label === "phone" && f.score >= 0.5)).toEqual([]);
  });

  it("an unvalidated phone shape needs phone context", () => {
    expect(scoreOf("+1-984-182-0190", "phone", "+1-984-182-0190")).toBeLessThan(0.5);
    expect(scoreOf("Phone: +1-984-182-0190", "phone", "+1-984-182-0190")).toBeGreaterThanOrEqual(0.5);
  });
});

describe("IP addresses", () => {
  it("parses IPv4 and IPv6", () => {
    expect(scoreOf("blocked 106.31.73.20 today", "ip-address", "106.31.73.20")).toBeGreaterThan(0.8);
    expect(scoreOf("host 2001:db8::8a2e:370:7334", "ip-address", "2001:db8::8a2e:370:7334")).toBeGreaterThan(
      0.7,
    );
    expect(scoreOf("::ffff:192.168.1.1", "ip-address", "::ffff:192.168.1.1")).toBeGreaterThan(0.7);
    expect(find("256.1.1.1 and 01.2.3.4", "ip-address", "256.1.1.1")).toBeUndefined();
    expect(find("1.2.3.4.5", "ip-address", "1.2.3.4")).toBeUndefined();
    expect(
      scan("at 11:34:35 and aa:bb and 00:1A:2B:3C:4D:5E").filter((f) => f.label === "ip-address"),
    ).toEqual([]);
  });

  it("a version context lowers the score", () => {
    expect(scoreOf("upgrade to version 1.2.3.4 now", "ip-address", "1.2.3.4")).toBeLessThan(0.5);
    expect(scoreOf("build v1.2.3.4", "ip-address", "1.2.3.4")).toBeLessThan(0.5);
  });
});

describe("national IDs", () => {
  const cases: [string, string, string][] = [
    ["national-id:uk-nino", "My NI number is AB 12 34 56 C", "AB 12 34 56 C"],
    ["national-id:es-dni", "DNI 12345678-Z", "12345678-Z"],
    ["national-id:es-nie", "NIE X1234567L", "X1234567L"],
    ["national-id:it-codice-fiscale", "codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S"],
    ["national-id:nl-bsn", "mijn BSN is 111222333", "111222333"],
    ["national-id:se-personnummer", "personnummer 811228-9874", "811228-9874"],
    ["national-id:fi-hetu", "henkilötunnus 131052-308T", "131052-308T"],
    ["national-id:pl-pesel", "PESEL 44051401359", "44051401359"],
    ["national-id:fr-nir", "numéro de sécurité sociale 1 85 05 78 006 084 91", "1 85 05 78 006 084 91"],
    ["national-id:in-aadhaar", "Aadhaar 2341 2341 2346", "2341 2341 2346"],
    ["national-id:br-cpf", "CPF 123.456.789-09", "123.456.789-09"],
    ["national-id:cn-resident-id", "身份证号 11010519491231002X", "11010519491231002X"],
    ["national-id:ca-sin", "SIN: 130 692 544", "130 692 544"],
  ];
  for (const [label, text, value] of cases) {
    it(`${label}: found with context, rejected when the check fails`, () => {
      expect(scoreOf(text, label, value)).toBeGreaterThanOrEqual(0.8);
      // change the last digit (or check letter) to break the checksum
      const last = value[value.length - 1]!;
      const broken =
        value.slice(0, -1) + (/\d/.test(last) ? String((Number(last) + 1) % 10) : last === "Z" ? "A" : "Z");
      expect(find(text.replace(value, broken), label, broken)).toBeUndefined();
    });
  }

  it("digit-only IDs without context stay below the default threshold", () => {
    for (const [label, value] of [
      ["national-id:nl-bsn", "111222333"],
      ["national-id:pl-pesel", "44051401359"],
      ["national-id:ca-sin", "130692544"],
      ["national-id:in-aadhaar", "234123412346"],
    ] as const) {
      expect(scoreOf(`number ${value}`, label, value), label).toBeLessThan(0.5);
    }
  });

  it("the entities filter selects a family or one member", () => {
    expect(labelSelected("national-id:es-dni", ["national-id"])).toBe(true);
    expect(labelSelected("national-id:es-dni", ["national-id:es-dni"])).toBe(true);
    expect(labelSelected("national-id:es-dni", ["national"])).toBe(false);
    expect(labelSelected("email", [])).toBe(true);
    const text = "DNI 12345678Z, mail a@b.co";
    expect(scan(text, ["national-id"]).map((f) => f.label)).toEqual(["national-id:es-dni"]);
    expect(scan(text, ["email"]).map((f) => f.label)).toEqual(["email"]);
  });
});

describe("heuristic entities", () => {
  it("person names: gazetteer, honorifics, cues, lists", () => {
    expect(scoreOf("Please contact William Hughes today", "person", "William Hughes")).toBeGreaterThanOrEqual(
      0.7,
    );
    expect(scoreOf("Hello, this is Dr. Kyle Kuefer.", "person", "Kyle Kuefer")).toBeGreaterThanOrEqual(0.75);
    expect(scoreOf("My name is Rubija", "person", "Rubija")).toBeGreaterThanOrEqual(0.75);
    expect(scoreOf("my name is vitoria", "person", "vitoria")).toBeGreaterThanOrEqual(0.5);
    expect(
      scoreOf("They had 6: Gaetane, Hannah, Anthony and Derek.", "person", "Gaetane"),
    ).toBeGreaterThanOrEqual(0.5);
    expect(scoreOf("Janka M. Szász will be talking", "person", "Janka M. Szász")).toBeGreaterThanOrEqual(0.5);
  });

  it("person: not places, streets, months or capitalised sentence starters", () => {
    const text =
      "May I ask? The report from Paris was read on Monday. Victor Hugo u. 49 is the address. Capitalized words like Wisdom and Discipline are often mistaken with names.";
    const persons = scan(text).filter((f) => f.label === "person" && f.score >= 0.5);
    expect(persons.map((f) => text.slice(f.span![0], f.span![1]))).toEqual([]);
  });

  it("street addresses: number-first, street-first, units and blocks", () => {
    expect(
      scoreOf("The restaurant is at 2450 Crown St", "street-address", "2450 Crown St"),
    ).toBeGreaterThanOrEqual(0.6);
    expect(
      scoreOf("lives at Rua do Arenque 1634, Goiânia", "street-address", "Rua do Arenque 1634"),
    ).toBeGreaterThanOrEqual(0.6);
    expect(scoreOf("Kiannonkatu 98", "street-address", "Kiannonkatu 98")).toBeGreaterThanOrEqual(0.6);
    expect(
      scoreOf(
        "Please return to Unit 4719 Box 7394\nDPO AP 70942 now",
        "street-address",
        "Unit 4719 Box 7394\nDPO AP 70942",
      ),
    ).toBeGreaterThan(0.8);
    const block = "1987 74 Diakou Street\n Suite 680\n Kissousa\n Cyprus 36903? I am in town";
    const f = scan(block).find((x) => x.label === "street-address")!;
    expect(JSON.stringify(block.slice(f.span![0], f.span![1]))).toBe(
      JSON.stringify("1987 74 Diakou Street\n Suite 680\n Kissousa\n Cyprus 36903"),
    );
    expect(
      scan("Article 50 of the Treaty on European Union. During 1971, sales grew.").filter(
        (x) => x.label === "street-address",
      ),
    ).toEqual([]);
  });

  it("dates, ages, titles, nationalities, places, organisations, postcodes, licences", () => {
    expect(scoreOf("When: 2000-04-16 11:34:35", "date-time", "2000-04-16 11:34:35")).toBeGreaterThanOrEqual(
      0.7,
    );
    expect(scoreOf("She was born on 2/8/1935.", "date-time", "2/8/1935")).toBeGreaterThanOrEqual(0.85);
    expect(find("version 1.2.30 and 13/13/2020", "date-time", "13/13/2020")).toBeUndefined();
    expect(scoreOf("This 79 year old female", "age", "79")).toBeGreaterThanOrEqual(0.7);
    expect(find("turn 5 minutes later", "age", "5")).toBeUndefined();
    expect(scoreOf("correct it to Mrs. Labrie", "title", "Mrs.")).toBeGreaterThanOrEqual(0.6);
    expect(find("Cheriton Dr. Reuquén", "title", "Dr.")).toBeUndefined();
    expect(scoreOf("We are proud Icelanders", "nrp", "Icelanders")).toBe(0);
    expect(scoreOf("I am Chechen but I live here", "nrp", "Chechen")).toBeGreaterThanOrEqual(0.5);
    expect(find("please polish the text", "nrp", "polish")).toBeUndefined();
    expect(scoreOf("I'm originally from Estonia", "location", "Estonia")).toBeGreaterThanOrEqual(0.6);
    expect(scoreOf("We moved here from Kenosha", "location", "Kenosha")).toBeGreaterThanOrEqual(0.6);
    expect(scoreOf("I work for Aunt Bertha Inc", "organization", "Aunt Bertha Inc")).toBeGreaterThanOrEqual(
      0.55,
    );
    expect(scoreOf("ZIP: 3520", "zip-code", "3520")).toBeGreaterThanOrEqual(0.7);
    expect(
      scoreOf("my driver's license number is F162823540116", "us-driver-license", "F162823540116"),
    ).toBeGreaterThanOrEqual(0.7);
    expect(
      scoreOf("https://www.ArtistMovie.se/ is mine", "url", "https://www.ArtistMovie.se/"),
    ).toBeGreaterThanOrEqual(0.5);
  });
});

describe("views and evasions (through normalize)", () => {
  it("a card split by zero-width spaces is found and mapped to the raw span", () => {
    const raw = "card 4111\u200b1111\u200b1111\u200b1111 thanks";
    const f = scan(normalize(raw)).find((x) => x.label === "credit-card")!;
    expect(f.view).toBe("normalized");
    expect(raw.slice(f.span![0], f.span![1])).toBe("4111\u200b1111\u200b1111\u200b1111");
    expect(f.score).toBeGreaterThan(0.9);
  });

  it("an email in full-width characters is found via the normalized view", () => {
    const raw = "mail ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ now";
    expect(scan(rawText(raw)).filter((x) => x.label === "email")).toEqual([]);
    const f = scan(normalize(raw)).find((x) => x.label === "email")!;
    expect(raw.slice(f.span![0], f.span![1])).toBe("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ");
  });

  it("a phone number inside base64 is found in the decoded view, spanning the encoded run", () => {
    const b64 = Buffer.from("call me at +1 415 555 0132 please").toString("base64");
    const raw = `payload ${b64} end`;
    const f = scan(normalize(raw)).find((x) => x.label === "phone")!;
    expect(f.view).toBe("decoded:base64");
    expect(raw.slice(f.span![0], f.span![1])).toBe(b64);
  });

  it("skips skeleton and leet views and deduplicates across views", () => {
    const raw = "mail jane@example.com";
    const gt = normalize(raw);
    const extra: GuardText = {
      ...gt,
      views: [
        ...gt.views,
        { kind: "normalized", text: raw, toRaw: (s) => s },
        { kind: "leet", text: "4111111111111111", toRaw: () => [0, 4] },
      ],
    };
    const f = scan(extra);
    expect(f.filter((x) => x.label === "email")).toHaveLength(1);
    expect(f.filter((x) => x.label === "credit-card")).toEqual([]);
  });

  it("dedupe keeps the highest score per label and overlapping span", () => {
    const mk = (label: string, s: number, e: number, score: number): Finding => ({
      detector: "pii",
      category: "pii",
      label,
      span: [s, e],
      score,
    });
    const out = dedupe([
      mk("phone", 0, 10, 0.5),
      mk("phone", 2, 12, 0.9),
      mk("email", 0, 10, 0.6),
      mk("phone", 20, 30, 0.4),
    ]);
    expect(out.map((f) => [f.label, f.span, f.score])).toEqual([
      ["email", [0, 10], 0.6],
      ["phone", [2, 12], 0.9],
      ["phone", [20, 30], 0.4],
    ]);
  });
});

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe("linear time on pathological inputs", () => {
  const run = (text: string) => () => void detectPii(rawText(text), SETTINGS);
  const cases: [string, (n: number) => string][] = [
    ["digits", (n) => "7".repeat(n)],
    ["random digits", (n) => Array.from({ length: n }, (_, i) => String((i * 7919) % 10)).join("")],
    ["a@a@", (n) => "a@".repeat(n / 2)],
    ["separators", (n) => "1 -".repeat(n / 3)],
    ["dotted", (n) => "1.".repeat(n / 2)],
    ["hex colons", (n) => "a:".repeat(n / 2)],
    ["capitalised words", (n) => "Anna Maria ".repeat(n / 11)],
    ["street-ish", (n) => "12 Main Street ".repeat(n / 15)],
  ];
  for (const [name, make] of cases) {
    it(`${name}: 8× the input costs well under 8×8 the time`, () => {
      const small = make(25_000);
      const big = make(200_000);
      run(small)();
      // minimum of three runs each: the machine is shared, and GC pauses are not the regex's fault
      const t1 = Math.min(timeIt(run(small)), timeIt(run(small)), timeIt(run(small)));
      const t8 = Math.min(timeIt(run(big)), timeIt(run(big)), timeIt(run(big)));
      expect(t8).toBeLessThan(t1 * 8 * 4 + 100);
    });
  }

  it("1 MB of digits and 200 KB of 'a@a@' finish quickly", () => {
    expect(timeIt(run("9".repeat(1_000_000)))).toBeLessThan(3000);
    expect(timeIt(run("a@".repeat(100_000)))).toBeLessThan(3000);
  });
});
