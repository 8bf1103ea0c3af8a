/** An error whose message is meant for the user as it is: one line saying what is wrong and how to fix it. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** One line for any error; the stack only when GUARDSTACK_DEBUG is set. */
export function formatError(err: unknown): string {
  if (process.env.GUARDSTACK_DEBUG && err instanceof Error && err.stack) return err.stack;
  if (err instanceof UserError) return err.message;
  if (err instanceof Error && "format" in err && typeof err.format === "function") {
    return String((err as { format: () => string }).format());
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${message.split("\n")[0] ?? message} (set GUARDSTACK_DEBUG=1 for details)`;
}
