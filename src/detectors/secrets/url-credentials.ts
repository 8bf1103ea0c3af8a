/**
 * Credentials embedded in URLs: `scheme://user:password@host`. Database and broker schemes are
 * reported as connection strings, others (http, ftp, smtp, ...) as URL credentials. Also Oracle's
 * `user/password@host` thin-driver form. The reported span is the password only.
 */
import { isAlnum } from "./chars.js";
import { passwordScore } from "./credentials-check.js";
import { describeSecret } from "./evidence.js";
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";

const USERINFO_RE = /:\/\/([^\s:@/?#"'<>[\]{}|\\^`]{0,128}):([^\s@/?#"'<>[\]{}|\\^`]{1,256})@[\w[.-]/y;
const ORACLE_THIN_RE = /thin:([^\s/@:"']{1,64})\/([^\s@"']{1,128})@/iy;

const DB_SCHEMES = new Set([
  "postgres",
  "postgresql",
  "postgresql+psycopg2",
  "postgresql+asyncpg",
  "mysql",
  "mysql+pymysql",
  "mysqlx",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "oracle",
  "cockroachdb",
  "clickhouse",
  "couchdb",
  "neo4j",
  "neo4j+s",
  "bolt",
  "nats",
  "kafka",
  "memcached",
  "snowflake",
  "db2",
  "cassandra",
  "elasticsearch",
  "influxdb",
]);

export const urlCredentialsRule: SecretRule = {
  id: "url-credentials",
  family: "connection-string",
  description: "user:password@ credentials in a URL or database connection string",
  keywords: ["://", "thin:"],
  tier: TIER.format,
  labels: ["url-credentials", "connection-string-password"],
  patterns: [USERINFO_RE, ORACLE_THIN_RE],
  gitleaks: ["sidekiq-sensitive-url"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    for (const pos of hits) {
      let re = USERINFO_RE;
      let scheme = "oracle";
      if (text.charCodeAt(pos) === 58 /* : */) {
        let s = pos;
        while (s > 0 && pos - s < 24) {
          const c = text.charCodeAt(s - 1);
          if (isAlnum(c) || c === 43 || c === 46 || c === 45) s--;
          else break;
        }
        scheme = text.slice(s, pos).toLowerCase();
        if (scheme.startsWith("jdbc:")) scheme = scheme.slice(5);
      } else re = ORACLE_THIN_RE;
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m) continue;
      const user = m[1] as string;
      const password = m[2] as string;
      const isDb = DB_SCHEMES.has(scheme) || scheme.endsWith("sql");
      const score = passwordScore(password, user, isDb ? 0.9 : 0.85);
      if (score === 0) continue;
      // The password is right before the "@" (userinfo) or the "@" (oracle thin).
      const at = m.index + m[0].length - (re === USERINFO_RE ? 2 : 1);
      const start = at - password.length;
      const label = isDb ? "connection-string-password" : "url-credentials";
      out.push({
        label,
        start,
        end: at,
        score,
        tier: TIER.format,
        evidence: describeSecret(password, `${scheme || "url"} password`),
      });
    }
  },
};
