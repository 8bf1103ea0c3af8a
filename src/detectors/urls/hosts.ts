/**
 * Facts about a URL's host: allow/deny list membership (a domain covers its subdomains), IP
 * literals (including the decimal, hex and octal spellings the URL parser accepts, such as
 * http://2130706433/ for 127.0.0.1) and internationalised (punycode) names that imitate Latin ones.
 */
import { domainToASCII, domainToUnicode } from "node:url";

/** Canonical form of a policy domain: lower case, ASCII (punycode), no wildcard or dots at the ends. */
export function canonicalDomain(domain: string): string {
  let d = domain.trim().toLowerCase();
  if (d.startsWith("*.")) d = d.slice(2);
  let a = 0;
  let b = d.length;
  while (a < b && d.charCodeAt(a) === 46) a++;
  while (b > a && d.charCodeAt(b - 1) === 46) b--;
  d = d.slice(a, b);
  const ascii = domainToASCII(d);
  return ascii === "" ? d : ascii;
}

/** A set of domains; a host matches when it is one of them or a subdomain of one. */
export class DomainList {
  private readonly domains: ReadonlySet<string>;
  readonly size: number;

  constructor(domains: readonly string[]) {
    this.domains = new Set(domains.map(canonicalDomain).filter((d) => d.length > 0));
    this.size = this.domains.size;
  }

  /** The listed domain covering this host, if any (walks up the labels: a.b.c, b.c, c). */
  match(host: string): string | undefined {
    if (this.size === 0) return undefined;
    let h = host;
    for (;;) {
      if (this.domains.has(h)) return h;
      const dot = h.indexOf(".");
      if (dot < 0) return undefined;
      h = h.slice(dot + 1);
    }
  }
}

const lists = new WeakMap<readonly string[], DomainList>();

/** The DomainList of a settings array, built once per array. */
export function domainList(domains: readonly string[]): DomainList {
  let l = lists.get(domains);
  if (!l) {
    l = new DomainList(domains);
    lists.set(domains, l);
  }
  return l;
}

export interface IpLiteral {
  version: 4 | 6;
  /** The address as the URL parser canonicalised it. */
  canonical: string;
  /** Written in a form other than the canonical one (decimal, hex, octal, shortened). */
  obfuscated: boolean;
  /** Loopback, private, link-local (cloud metadata) or unspecified. */
  internal: boolean;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const BRACKETS = /^\[|\]$/g;
const UNIQUE_LOCAL = /^f[cd][0-9a-f]{0,2}:/;
const LINK_LOCAL = /^fe[89ab][0-9a-f]?:/;
const V4_MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;
const TRAILING_DOT = /\.$/;
const LETTER = /\p{L}/u;

function internalV4(a: number, b: number): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function internalV6(h: string): boolean {
  const a = h.replace(BRACKETS, "");
  if (a === "::1" || a === "::") return true;
  if (UNIQUE_LOCAL.test(a) || LINK_LOCAL.test(a)) return true;
  // IPv4-mapped (::ffff:7f00:1 and friends) counts as the IPv4 address it maps.
  const mapped = V4_MAPPED.exec(a);
  if (mapped) {
    const hi = parseInt(mapped[1] as string, 16);
    return internalV4(hi >> 8, hi & 255);
  }
  return false;
}

/**
 * The IP literal behind a parsed hostname, or undefined for a domain name. rawHost is the host as
 * written in the text, to tell whether the address was disguised.
 */
export function ipLiteral(hostname: string, rawHost: string): IpLiteral | undefined {
  if (hostname.startsWith("[")) {
    return { version: 6, canonical: hostname, obfuscated: false, internal: internalV6(hostname) };
  }
  const m = IPV4.exec(hostname);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return {
    version: 4,
    canonical: hostname,
    obfuscated: rawHost.toLowerCase().replace(TRAILING_DOT, "") !== hostname,
    internal: internalV4(a, b),
  };
}

// Cyrillic, Greek and Armenian letters that are drawn like Latin ones: a name written only with
// them (or mixing them with Latin) imitates a Latin name.
const LATIN_LOOKALIKES = new Set(
  "аеорсухіјѕԁһӏԛԝвкмнтьѵјӓӧӱёАЕОРСУХІЈЅВКМНТԌԚԜαβεικνορτυχϲϳοΑΒΕΗΙΚΜΝΟΡΤΥΧΖօսոհզցᴦ".split(""),
);
const LATIN = /\p{Script=Latin}/u;

export const PATTERNS: readonly RegExp[] = [
  IPV4,
  BRACKETS,
  UNIQUE_LOCAL,
  LINK_LOCAL,
  V4_MAPPED,
  TRAILING_DOT,
  LETTER,
  LATIN,
];

export interface IdnHost {
  unicode: string;
  /** Made of letters that imitate Latin ones (whole-script or mixed with Latin). */
  lookAlike: boolean;
}

/** For a host with punycode labels (xn--), its Unicode form and whether it imitates a Latin name. */
export function idnHost(hostname: string): IdnHost | undefined {
  if (!hostname.includes("xn--")) return undefined;
  const unicode = domainToUnicode(hostname);
  let lookAlike = false;
  for (const label of unicode.split(".")) {
    let latin = 0;
    let imitation = 0;
    let other = 0;
    for (const ch of label) {
      if (ch.charCodeAt(0) < 128) {
        if (LATIN.test(ch)) latin++;
      } else if (LATIN_LOOKALIKES.has(ch)) imitation++;
      else if (LATIN.test(ch)) latin++;
      else if (LETTER.test(ch)) other++;
    }
    if (imitation > 0 && (latin > 0 || other === 0)) lookAlike = true;
  }
  return { unicode, lookAlike };
}
