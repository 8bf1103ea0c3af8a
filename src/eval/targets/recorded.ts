/**
 * Recorded responses for the guard-alone target, from a replay provider: a case's recording is the one
 * for its full request messages (or, as the replay provider allows, the same turns without the system
 * message). A case without a recording gets none — the guard target then measures only its input side.
 */
import { ProviderError, type ChatResponse, type Provider } from "../../providers/types.js";
import type { EvalCase } from "../types.js";
import type { RecordedResponses } from "./guard-target.js";
import { caseMessages } from "./messages.js";

export function recordedFromProvider(replay: Provider): RecordedResponses {
  return async (c: EvalCase): Promise<ChatResponse | undefined> => {
    try {
      return await replay.complete({ messages: caseMessages(c) });
    } catch (err) {
      if (err instanceof ProviderError && err.status === 404) return undefined;
      throw err;
    }
  };
}
