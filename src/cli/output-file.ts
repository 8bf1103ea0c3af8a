/**
 * Opening the files a command writes, before it does the work: a path that cannot be written (a missing
 * folder, no permission) fails at once with one line, instead of after a long run or as an unhandled
 * stream error.
 */
import { createWriteStream, openSync, type WriteStream } from "node:fs";
import { UserError } from "./errors.js";

function openForWriting(path: string, what: string): number {
  try {
    return openSync(path, "w");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : code === "ENOTDIR"
              ? "part of its path is a file, not a folder"
              : (code ?? String(err));
    throw new UserError(`cannot write ${what} "${path}": ${why}`);
  }
}

/** A UTF-8 stream to a new (or truncated) file, opened now. */
export function openOutputStream(path: string, what = "the output"): WriteStream {
  return createWriteStream("", { fd: openForWriting(path, what), encoding: "utf8" });
}

/** Checks now that `path` can be written (creating or truncating it), for a file written at the end. */
export function claimOutputFile(path: string, what: string): void {
  const fd = openForWriting(path, what);
  createWriteStream("", { fd }).end();
}
