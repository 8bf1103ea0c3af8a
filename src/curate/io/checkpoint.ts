/**
 * The checkpoint of a curate run: how far the input was handled (the byte offset just past the last
 * record whose outputs are on disk), how long each output was at that moment, and the counts so far.
 * It is written atomically (a temporary file renamed over the old one) after the outputs are flushed
 * and synced, so it never claims more than the disk holds; `--resume` cuts the outputs back to the
 * recorded lengths and reads on from the offset, so nothing is written twice.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { StatsSchema } from "../stats.js";
import { FORMAT_NAMES } from "../formats/types.js";

export const CheckpointSchema = z.object({
  version: z.literal(1),
  input: z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() }),
  /** Hash of the settings the run used; a resume with other settings is refused. */
  fingerprint: z.string(),
  format: z.enum(FORMAT_NAMES),
  offset: z.number().int().min(0),
  line: z.number().int().min(0),
  outputs: z.object({ clean: z.number().int().min(0), rejected: z.number().int().min(0) }),
  stats: StatsSchema,
});

export type Checkpoint = z.infer<typeof CheckpointSchema>;

export function inputIdentity(path: string): Checkpoint["input"] {
  const st = statSync(path);
  return { path, size: st.size, mtimeMs: Math.floor(st.mtimeMs) };
}

/** The checkpoint at `path`, undefined when there is none; throws on a damaged file. */
export function readCheckpoint(path: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`checkpoint ${path} is damaged (not JSON); delete it and run again without --resume`);
  }
  const parsed = CheckpointSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `checkpoint ${path} is damaged or from another version; delete it and run again without --resume`,
    );
  return parsed.data;
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(checkpoint));
  renameSync(tmp, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.tmp`, { force: true });
}
