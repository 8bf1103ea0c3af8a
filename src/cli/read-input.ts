import { UserError } from "./errors.js";

/** The TEXT argument, or standard input when it is "-". */
export async function readTextArg(text: string | undefined): Promise<string> {
  if (text === undefined) throw new UserError("no text given: pass TEXT, or - to read standard input");
  if (text !== "-") return text;
  if (process.stdin.isTTY) throw new UserError("'-' reads standard input, but nothing is piped in");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
