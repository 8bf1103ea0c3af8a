import { resolve } from "node:path";

/** Where the shared datasets live: GUARDSTACK_DATA, else ../shared/datasets next to the repo. */
export function dataDir(): string {
  return resolve(process.env.GUARDSTACK_DATA ?? "../shared/datasets");
}
