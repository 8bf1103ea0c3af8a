/**
 * SQL rules: destructive statements (DROP, TRUNCATE, DELETE or UPDATE without WHERE) and the
 * shapes of SQL injection (stacked queries, comment truncation, UNION SELECT, tautologies,
 * xp_cmdshell, file reads and writes, time-based probes).
 */
import type { CodeRule } from "./rule-types.js";
import { hit } from "./hit.js";

const IDENT = String.raw`[\w."\x60[\]-]{1,128}`;
const DROP = new RegExp(
  String.raw`\b(drop|truncate)[ \t\n]{1,4}(table|database|schema)(?:[ \t\n]{1,4}if[ \t\n]{1,4}exists)?[ \t\n]{1,4}${IDENT}[ \t]{0,4}(;?)`,
  "gi",
);
const DELETE_FROM = new RegExp(String.raw`\bdelete[ \t\n]{1,4}from[ \t\n]{1,4}${IDENT}`, "gi");
const UPDATE_SET = new RegExp(
  String.raw`\bupdate[ \t\n]{1,4}${IDENT}[ \t\n]{1,4}set[ \t\n]{1,4}${IDENT}[ \t]{0,3}=`,
  "gi",
);
/** After DELETE FROM table, a statement has nothing but closing punctuation before its end. */
const STATEMENT_END = /^[\s"'`)\]},]*$/;
const WHERE = /\bwhere\b/i;
/** After a "'" (and an optional ")") closing a value: ";" and a second statement. Matched from the quote. */
const STACKED =
  /['"][ \t]{0,3}\)?[ \t]{0,3};[ \t]{0,3}(?:--|#|\/\*|drop[ \t]{1,4}(?:table|database)\b|delete[ \t]{1,4}from\b|insert[ \t]{1,4}into\b|update[ \t]{1,4}\w{1,64}[ \t]{1,4}set\b|exec(?:ute)?[ \t]{1,4}(?:xp_|sp_|master\.)|shutdown\b|waitfor[ \t]{1,4}delay\b)/gi;
/** '; select ...: a query only when a FROM follows (bash also has a `select` loop). */
const STACKED_SELECT = /['"][ \t]{0,3}\)?[ \t]{0,3};[ \t]{0,3}select[ \t]/gi;
const FROM = /\bfrom\b|@@version|\bsleep[ \t]{0,3}\(/i;
const COMMENT_TRUNCATION = /'[ \t]{0,3}(?:--|#)(?=[ \t]|$)/g;
const UNION_SELECT = /\bunion(?:[ \t\n]{1,4}all)?[ \t\n]{1,4}select\b/gi;
const UNION_MARKER =
  /\binformation_schema\b|@@version\b|\bversion[ \t]{0,3}\([ \t]{0,3}\)|\buser[ \t]{0,3}\([ \t]{0,3}\)|\bnull[ \t]{0,3},[ \t]{0,3}null\b|\bgroup_concat\b|\bconcat[ \t]{0,3}\(|\bpg_sleep\b|\bchar[ \t]{0,3}\(/gi;
/** OR x=x: the two sides are compared in code (no back-references in linear patterns). */
const TAUTOLOGY =
  /(['"]?)[ \t]{0,3}\bor[ \t]{1,4}(['"]?)(\w{1,10})['"]?[ \t]{0,3}=[ \t]{0,3}(['"]?)(\w{1,10})/gi;
const EMPTY_TAUTOLOGY = /'[ \t]{0,3}or[ \t]{1,4}''[ \t]{0,3}=[ \t]{0,3}'/gi;
const XP_CMDSHELL = /\bxp_cmdshell\b/gi;
const OUTFILE = /\binto[ \t\n]{1,4}(?:out|dump)file\b/gi;
const LOAD_FILE = /\bload_file[ \t]{0,3}\(/gi;
const TIME_PROBE =
  /\bwaitfor[ \t]{1,4}delay[ \t]{1,4}'|\bpg_sleep[ \t]{0,3}\(|['"][ \t]{0,3}(?:and|or)[ \t]{1,4}sleep[ \t]?\(|\bbenchmark[ \t]?\([ \t]{0,3}\d{5,}/gi;
const DIGITS = /^\d+$/;
/** What may end a value just before an injected UNION: a quote, a parenthesis or a number. */
const VALUE_END = /['")0-9]/;
const WORD_CHAR = /\w/;
const BLANK = /\s/;

export const PATTERNS: readonly RegExp[] = [
  DROP,
  DELETE_FROM,
  UPDATE_SET,
  STATEMENT_END,
  WHERE,
  STACKED,
  STACKED_SELECT,
  FROM,
  COMMENT_TRUNCATION,
  UNION_SELECT,
  VALUE_END,
  WORD_CHAR,
  BLANK,
  UNION_MARKER,
  TAUTOLOGY,
  EMPTY_TAUTOLOGY,
  XP_CMDSHELL,
  OUTFILE,
  LOAD_FILE,
  TIME_PROBE,
  DIGITS,
];

/** The statement's rest: up to the next ';' (or 300 characters), and whether a ';' ends it. */
function statementRest(text: string, from: number): { rest: string; terminated: boolean } {
  const limit = Math.min(text.length, from + 300);
  for (let i = from; i < limit; i++)
    if (text.charCodeAt(i) === 59) return { rest: text.slice(from, i), terminated: true };
  return { rest: text.slice(from, limit), terminated: false };
}

/** Offset of the quote that a ';' or '--' at pos closes off, looking back over blanks and one ')'; -1 if none. */
function quoteBefore(text: string, pos: number): number {
  let i = pos - 1;
  let paren = false;
  for (let steps = 0; i >= 0 && steps < 8; steps++, i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c === 41 && !paren) {
      paren = true;
      continue;
    }
    return c === 39 || c === 34 ? i : -1;
  }
  return -1;
}

const destructive: CodeRule = {
  labels: ["sql-drop", "sql-truncate", "sql-delete-all", "sql-update-all"],
  lang: "sql",
  keywords: ["drop", "truncate", "delete", "update"],
  find(scan, out) {
    // In prose "the DROP TABLE statement" is a topic; a terminated statement is a command.
    for (const t of scan.anchored(DROP, ["drop", "truncate"])) {
      const label = (t.m[1] as string).toLowerCase() === "truncate" ? "sql-truncate" : "sql-drop";
      if (label === "sql-truncate" && (t.m[2] as string).toLowerCase() !== "table") continue;
      const terminated = t.m[3] === ";";
      const statement = terminated || STATEMENT_END.test(statementRest(scan.text, t.end).rest);
      hit(
        out,
        scan,
        label,
        t.start,
        t.end,
        { exec: statement ? 0.9 : 0.6, text: terminated ? 0.5 : statement ? 0.4 : 0.3 },
        "destructive SQL statement",
      );
    }
    for (const t of scan.anchored(DELETE_FROM, ["delete"])) {
      const { rest, terminated } = statementRest(scan.text, t.end);
      // "delete from the list" goes on with words; "DELETE FROM users;" ends.
      if (!STATEMENT_END.test(rest)) continue;
      hit(
        out,
        scan,
        "sql-delete-all",
        t.start,
        t.end,
        { exec: 0.85, text: terminated ? 0.4 : 0.25 },
        "DELETE without WHERE",
      );
    }
    for (const t of scan.anchored(UPDATE_SET, ["update"])) {
      const { rest, terminated } = statementRest(scan.text, t.end);
      if (WHERE.test(rest)) continue;
      hit(
        out,
        scan,
        "sql-update-all",
        t.start,
        t.end + rest.length,
        { exec: 0.75, text: terminated ? 0.4 : 0.25 },
        "UPDATE without WHERE",
      );
    }
  },
};

const stacked: CodeRule = {
  labels: ["sql-stacked-injection"],
  lang: "sql",
  keywords: [";"],
  find(scan, out) {
    const sev = { exec: 0.9, text: 0.75 };
    for (const p of scan.at(";")) {
      const q = quoteBefore(scan.text, p);
      if (q < 0) continue;
      const m = scan.matchAt(STACKED, q);
      if (m) {
        hit(
          out,
          scan,
          "sql-stacked-injection",
          q,
          q + m[0].length,
          sev,
          "quote closed and a second statement started",
        );
        continue;
      }
      const sel = scan.matchAt(STACKED_SELECT, q);
      if (!sel) continue;
      const end = q + sel[0].length;
      const [, to] = scan.window(end, 0, 150);
      if (FROM.test(scan.text.slice(end, to)))
        hit(out, scan, "sql-stacked-injection", q, end, sev, "quote closed and a second query started");
    }
  },
};

/** "'" then up to three blanks then a comment marker: the keywords of the comment-truncation rule. */
const COMMENT_KEYWORDS = ["'--", "' --", "'\t--", "'  --", "'   --", "'#", "' #", "'\t#", "'  #", "'   #"];

const commentTruncation: CodeRule = {
  labels: ["sql-comment-injection"],
  lang: "sql",
  keywords: COMMENT_KEYWORDS,
  find(scan, out) {
    const seen = new Set<number>();
    for (const k of COMMENT_KEYWORDS) {
      for (const q of scan.at(k)) {
        // A value closed right after a word (admin'--), not a quoted phrase ('-- like this').
        if (seen.has(q) || q === 0 || !WORD_CHAR.test(scan.text[q - 1] as string)) continue;
        seen.add(q);
        const m = scan.matchAt(COMMENT_TRUNCATION, q);
        if (m)
          hit(
            out,
            scan,
            "sql-comment-injection",
            q - 1,
            q + m[0].length,
            { exec: 0.8, text: 0.6 },
            "quote closed and the rest commented out",
          );
      }
    }
  },
};

const unionSelect: CodeRule = {
  labels: ["sql-union-injection"],
  lang: "sql",
  keywords: ["union"],
  find(scan, out) {
    for (const t of scan.anchored(UNION_SELECT, ["union"])) {
      // UNION SELECT right after a value (' UNION SELECT, 1 UNION SELECT) is an injection.
      let i = t.start;
      while (i > 0 && t.start - i < 3 && BLANK.test(scan.text[i - 1] as string)) i--;
      if (i > 0 && VALUE_END.test(scan.text[i - 1] as string)) {
        hit(
          out,
          scan,
          "sql-union-injection",
          i - 1,
          t.end,
          { exec: 0.9, text: 0.75 },
          "UNION SELECT appended to a value",
        );
        continue;
      }
      const m = scan.first(UNION_MARKER, t.end, Math.min(scan.text.length, t.end + 200));
      if (m)
        hit(
          out,
          scan,
          "sql-union-injection",
          t.start,
          m.end,
          { exec: 0.85, text: 0.65 },
          "UNION SELECT probing the database",
        );
    }
  },
};

const tautology: CodeRule = {
  labels: ["sql-tautology"],
  lang: "sql",
  keywords: ["="],
  find(scan, out) {
    for (const t of scan.tokens(TAUTOLOGY)) {
      const left = (t.m[3] as string).toLowerCase();
      const right = (t.m[5] as string).toLowerCase();
      if (left !== right) continue;
      // "or b = b" is algebra; "or 1=1" and "or 'a'='a'" are injections.
      const quoted = t.m[2] !== "" && t.m[4] !== "";
      if (!quoted && !DIGITS.test(left)) continue;
      const strong = t.m[1] !== "";
      hit(
        out,
        scan,
        "sql-tautology",
        t.start,
        t.end,
        strong ? { exec: 0.85, text: 0.75 } : { exec: 0.7, text: 0.55 },
        "always-true condition",
      );
    }
    for (const t of scan.tokens(EMPTY_TAUTOLOGY))
      hit(out, scan, "sql-tautology", t.start, t.end, { exec: 0.85, text: 0.75 }, "always-true condition");
  },
};

const xpCmdshell: CodeRule = {
  labels: ["sql-xp-cmdshell"],
  lang: "sql",
  keywords: ["xp_cmdshell"],
  find(scan, out) {
    for (const t of scan.anchored(XP_CMDSHELL, ["xp_cmdshell"]))
      hit(
        out,
        scan,
        "sql-xp-cmdshell",
        t.start,
        t.end,
        { exec: 0.95, text: 0.75 },
        "shell command from SQL Server",
      );
  },
};

const fileAccess: CodeRule = {
  labels: ["sql-file-write", "sql-file-read"],
  lang: "sql",
  keywords: ["outfile", "dumpfile", "load_file"],
  find(scan, out) {
    for (const t of scan.tokens(OUTFILE))
      hit(
        out,
        scan,
        "sql-file-write",
        t.start,
        t.end,
        { exec: 0.85, text: 0.6 },
        "query result written to a server file",
      );
    for (const t of scan.anchored(LOAD_FILE, ["load_file"]))
      hit(out, scan, "sql-file-read", t.start, t.end, { exec: 0.8, text: 0.55 }, "server file read from SQL");
  },
};

const timeProbe: CodeRule = {
  labels: ["sql-time-probe"],
  lang: "sql",
  keywords: [
    "waitfor",
    "pg_sleep",
    "sleep(",
    "sleep (",
    "sleep\t(",
    "benchmark(",
    "benchmark (",
    "benchmark\t(",
  ],
  find(scan, out) {
    for (const t of scan.tokens(TIME_PROBE))
      hit(
        out,
        scan,
        "sql-time-probe",
        t.start,
        t.end,
        { exec: 0.8, text: 0.6 },
        "time-based injection probe",
      );
  },
};

export const SQL_RULES: readonly CodeRule[] = [
  destructive,
  stacked,
  commentTruncation,
  unionSelect,
  tautology,
  xpCmdshell,
  fileAccess,
  timeProbe,
];
