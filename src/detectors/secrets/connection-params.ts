/**
 * Passwords given as key=value pairs in connection strings: ADO.NET / ODBC
 * (`Server=db;User Id=sa;Password=...;`), JDBC query parameters (`?user=app&password=...`) and DSNs.
 * A `password=` pair counts only inside a connection string: separated by ";" or "&", with another
 * connection key (server, host, uid, database, ...) nearby.
 */
import { identifierAt } from "./assignment.js";
import { passwordScore } from "./credentials-check.js";
import { describeSecret } from "./evidence.js";
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";

const VALUE_RE =
  /[ \t]{0,3}=[ \t]{0,3}(?:\{([^}\r\n]{1,256})\}|'([^'\r\n]{1,256})'|"([^"\r\n]{1,256})"|([^;&\s"'<>]{1,256}))/y;
const CONTEXT_KEYS = [
  "server=",
  "data source=",
  "host=",
  "hostname=",
  "uid=",
  "user id=",
  "userid=",
  "user=",
  "username=",
  "database=",
  "initial catalog=",
  "jdbc:",
  "dsn=",
  "driver=",
  "addr=",
  "address=",
  "port=",
  "dbname=",
  "sslmode=",
];
const NAMES = new Set(["password", "pwd", "pass", "passwd"]);

export const connectionParamsRule: SecretRule = {
  id: "connection-string-password",
  family: "connection-string",
  description: "Password=/Pwd= in an ODBC, ADO.NET, JDBC or DSN connection string",
  keywords: ["password", "pwd", "passwd"],
  tier: TIER.format,
  patterns: [VALUE_RE],
  gitleaks: ["nuget-config-password"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    let lastName = -1;
    let skipUntil = -1;
    for (const pos of hits) {
      if (pos < skipUntil) continue;
      const ident = identifierAt(text, pos, 0);
      if (!ident || ident[0] === lastName) continue;
      lastName = ident[0];
      const name = text.slice(ident[0], ident[1]).toLowerCase();
      if (!NAMES.has(name)) continue;
      VALUE_RE.lastIndex = ident[1];
      const m = VALUE_RE.exec(text);
      if (!m) continue;
      const value = (m[1] ?? m[2] ?? m[3] ?? m[4]) as string;
      const valueEnd = m.index + m[0].length - (m[4] === undefined ? 1 : 0);
      const valueStart = valueEnd - value.length;
      skipUntil = valueEnd;
      // Pair separators: ";" (ODBC/ADO.NET), "&" or "?" (JDBC/URL query) on either side.
      let b = ident[0] - 1;
      while (b >= 0 && (text[b] === " " || text[b] === "\t")) b--;
      const before = b >= 0 ? text[b] : "";
      const after = text[valueEnd] ?? "";
      if (!(before === ";" || before === "&" || before === "?" || after === ";" || after === "&")) continue;
      const score = passwordScore(value, undefined, 0.85);
      if (score === 0) continue;
      const window = text
        .slice(Math.max(0, ident[0] - 256), Math.min(text.length, valueEnd + 256))
        .toLowerCase();
      if (!CONTEXT_KEYS.some((k) => window.includes(k))) continue;
      out.push({
        label: "connection-string-password",
        start: valueStart,
        end: valueEnd,
        score,
        tier: TIER.format,
        evidence: describeSecret(value, "connection string password"),
      });
    }
  },
};
