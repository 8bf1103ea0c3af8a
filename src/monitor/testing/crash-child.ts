/**
 * The child process of the audit crash test: writes audit events as fast as it can and prints the id
 * of every acknowledged (committed) event on stdout, one per line, until it is killed. Usage:
 *   node crash-child.js <sqlite-file | postgres-url> [postgres-schema]
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { AuditWriter } from "../audit-writer.js";
import { AuditStore } from "../store/audit-store.js";
import { openMonitorDb } from "../store/connect.js";
import { makeDecision } from "./events.js";

/** Writes until killed; see the file comment. */
export async function runCrashChild(target: string, schema?: string): Promise<void> {
  const store = new AuditStore(await openMonitorDb(target, schema ? { schema } : {}));
  const writer = new AuditWriter({ store, batchSize: 50, flushIntervalMs: 5, maxQueue: 5000 });
  writer.onCommit((events) => {
    process.stdout.write(`${events.map((e) => e.id).join("\n")}\n`);
  });
  const decisions = [makeDecision(), makeDecision({ category: "violent-crimes", score: 0.97 })];
  let n = 0;
  process.stderr.write("ready\n");
  const tick = () => {
    for (let i = 0; i < 20; i++) {
      n++;
      writer.record({
        decision: decisions[n % 2]!,
        text: `event ${n}: write to someone${n}@example.com`,
        userId: `u${n % 7}`,
      });
    }
    setImmediate(tick);
  };
  tick();
}

// Run only as a program (importing the module, as the regex-safety test does, must not start it).
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  const [target, schema] = process.argv.slice(2);
  if (!target) {
    process.stderr.write("usage: crash-child <sqlite-file | postgres-url> [schema]\n");
    process.exit(2);
  }
  await runCrashChild(target, schema);
}
