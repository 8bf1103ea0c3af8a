/** A curate, pairs or revise failure whose message is meant for the user as it is (one line). */
export class CurateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CurateError";
  }
}
