/** The training tools' small command lines (compare-configs, window-scoring): options and the entry point. */
import { pathToFileURL } from "node:url";

/** The value after `--name` in argv. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * Runs `main` with the command-line arguments when `moduleUrl` is the script node was started with (not
 * when the module is imported); an error becomes one line, `tool: message`, and exit code 1.
 */
export function runIfEntry(tool: string, moduleUrl: string, main: (argv: string[]) => void): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? "").href) return;
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`${tool}: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
