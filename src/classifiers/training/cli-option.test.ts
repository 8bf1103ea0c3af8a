import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { option, runIfEntry } from "./cli-option.js";

describe("option", () => {
  it("reads the value after a flag", () => {
    expect(option(["--task", "harm", "--watch", "xsafety"], "--watch")).toBe("xsafety");
    expect(option(["--task"], "--task")).toBeUndefined();
    expect(option([], "--task")).toBeUndefined();
  });
});

describe("runIfEntry", () => {
  const entry = pathToFileURL(process.argv[1] ?? "").href;
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it("does nothing when the module was imported rather than run", () => {
    const main = vi.fn();
    runIfEntry("tool", "file:///somewhere/else.js", main);
    expect(main).not.toHaveBeenCalled();
  });

  it("runs main with the arguments, and turns an error into one line and exit code 1", () => {
    const main = vi.fn();
    runIfEntry("tool", entry, main);
    expect(main).toHaveBeenCalledWith(process.argv.slice(2));
    expect(process.exitCode).toBeUndefined();

    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    runIfEntry("tool", entry, () => {
      throw new Error('unknown task "x"');
    });
    expect(err).toHaveBeenCalledWith('tool: unknown task "x"');
    expect(process.exitCode).toBe(1);
  });
});
