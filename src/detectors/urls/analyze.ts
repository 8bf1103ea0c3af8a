/**
 * Turns one extracted link into findings: exfiltration through the URL, denied or not-allowed
 * domains, IP-literal hosts, punycode look-alike hosts, deceptive user-info and script URLs.
 */
import type { z } from "zod";
import type { UrlSettings } from "../../policy/detector-settings.js";
import type { Stage } from "../../policy/stages.js";
import type { LinkCandidate } from "./extract.js";
import { carriedData } from "./data-carrier.js";
import { domainList, idnHost, ipLiteral } from "./hosts.js";

export type UrlSettingsT = z.infer<typeof UrlSettings>;

export const EXFIL_CATEGORY = "data-exfiltration";
export const POLICY_CATEGORY = "url-policy";

/** One finding before it is placed in the raw text. */
export interface UrlHit {
  category: string;
  label: string;
  score: number;
  evidence: string;
  /** Whole construct (true) or just the URL (false). */
  wholeConstruct: boolean;
}

const SCHEME = /^([a-z][a-z0-9+.-]{0,20}):/i;
const WWW = /^www\./i;
const HTML_DATA_URL = /^data:text\/html/i;
const TRAILING_DOT = /\.$/;
export const PATTERNS: readonly RegExp[] = [SCHEME, WWW, HTML_DATA_URL, TRAILING_DOT];

/** The host as written, between "//" and the path, without user-info or port. */
export function rawHostOf(url: string): string {
  const slashes = url.indexOf("//");
  if (slashes < 0) return "";
  let end = url.length;
  for (let i = slashes + 2; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      end = i;
      break;
    }
  }
  let host = url.slice(slashes + 2, end);
  const at = host.lastIndexOf("@");
  if (at >= 0) host = host.slice(at + 1);
  if (!host.startsWith("[")) {
    const colon = host.lastIndexOf(":");
    if (colon >= 0) host = host.slice(0, colon);
  }
  return host;
}

/** A URL string ready for the parser, or undefined for relative links (same site, not our concern). */
function absolute(url: string): string | undefined {
  if (url.startsWith("//")) return `https:${url}`;
  if (WWW.test(url)) return `http://${url}`;
  return SCHEME.test(url) ? url : undefined;
}

function isImage(kind: LinkCandidate["kind"]): boolean {
  return kind === "markdown-image" || kind === "html-image";
}

const round = (x: number): number => Math.round(x * 100) / 100;

export function analyzeLink(c: LinkCandidate, settings: UrlSettingsT, stage: Stage): UrlHit[] {
  const hits: UrlHit[] = [];
  const abs = absolute(c.url);
  if (!abs) return hits;
  const scheme = (SCHEME.exec(abs)?.[1] ?? "").toLowerCase();
  if (scheme === "javascript" || scheme === "vbscript" || (scheme === "data" && HTML_DATA_URL.test(abs))) {
    if (c.kind !== "bare")
      hits.push({
        category: POLICY_CATEGORY,
        label: "script-url",
        score: 0.8,
        evidence: `${scheme}: URL in a ${c.kind}`,
        wholeConstruct: true,
      });
    return hits;
  }
  if (scheme !== "http" && scheme !== "https" && scheme !== "ftp") return hits;

  let url: URL;
  try {
    url = new URL(abs);
  } catch {
    return hits;
  }
  const host = url.hostname.toLowerCase().replace(TRAILING_DOT, "");
  if (host.length === 0) return hits;

  const allow = domainList(settings.allow);
  const deny = domainList(settings.deny);
  const denied = deny.match(host);
  const allowed = allow.size > 0 ? allow.match(host) !== undefined : undefined;

  if (denied) {
    hits.push({
      category: POLICY_CATEGORY,
      label: "denied-domain",
      score: 0.95,
      evidence: `link to ${host} (denied: ${denied})`,
      wholeConstruct: true,
    });
  } else if (allowed === false) {
    hits.push({
      category: POLICY_CATEGORY,
      label: "not-allowed-domain",
      score: 0.6,
      evidence: `link to ${host}, not on the allow list`,
      wholeConstruct: true,
    });
  }

  if (settings.flagIpLiterals) {
    const ip = ipLiteral(host, rawHostOf(abs));
    if (ip) {
      // Internal addresses matter where a tool will fetch them (SSRF); in prose they are mostly
      // documentation of local services (http://127.0.0.1:8080).
      const fetching = stage === "toolCall" || stage === "toolResult";
      const score = ip.obfuscated ? 0.9 : ip.internal ? (fetching ? 0.85 : 0.4) : 0.6;
      const how = ip.obfuscated
        ? `written as "${rawHostOf(abs).slice(0, 40)}"`
        : ip.internal
          ? "internal address"
          : "public address";
      hits.push({
        category: POLICY_CATEGORY,
        label: "ip-literal",
        score,
        evidence: `IPv${ip.version} host ${ip.canonical} (${how})`,
        wholeConstruct: false,
      });
    }
  }

  if (settings.flagPunycode) {
    const idn = idnHost(host);
    if (idn) {
      hits.push({
        category: POLICY_CATEGORY,
        label: "punycode-host",
        score: idn.lookAlike ? 0.85 : 0.45,
        evidence: `${host} is "${idn.unicode}"${idn.lookAlike ? ", letters imitating Latin ones" : ""}`,
        wholeConstruct: false,
      });
    }
  }

  if (url.username.includes(".")) {
    hits.push({
      category: POLICY_CATEGORY,
      label: "deceptive-userinfo",
      score: 0.75,
      evidence: `"${url.username.slice(0, 40)}@" before the real host ${host}`,
      wholeConstruct: false,
    });
  }

  // Exfiltration. Images are fetched by the renderer without a click; at the toolCall stage any
  // URL is about to be fetched by a tool, so it counts like an image.
  const fetched = isImage(c.kind) || stage === "toolCall";
  const data = carriedData(url, settings.exfilMinDataLength, !fetched);
  const top = data[0];
  if (top) {
    let score: number;
    // Hashes and long ids (avatars, CDN file names) are weak signs even in images.
    // A sentence in a search box is what search links look like (a search tool call too); an
    // image has no reason to carry one.
    if (top.where === "search" && !isImage(c.kind)) score = fetched ? 0.5 : 0.35;
    else if (fetched) score = top.strong ? 0.9 : 0.45;
    // Random ids (playlists, file ids) look like base64 too: in a link that needs a click, only
    // sentences and records are strong enough to flag on their own.
    else if (top.kind === "base64") score = 0.45;
    else score = top.strong ? 0.6 : 0.3;
    if (allowed === true) score -= 0.35;
    else if (allowed === false || denied) score += 0.05;
    hits.push({
      category: EXFIL_CATEGORY,
      label: isImage(c.kind) ? "markdown-image-exfil" : "link-exfil",
      score: round(Math.min(1, Math.max(0.05, score))),
      evidence: `${c.kind} to ${host} carries ${top.length} chars of ${top.kind} data in the ${top.where}${data.length > 1 ? ` (+${data.length - 1} more)` : ""}`,
      wholeConstruct: true,
    });
  }
  return hits;
}
