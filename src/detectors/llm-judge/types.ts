/**
 * Shapes of the LLM judge: a guard model asked through a Provider whether a text is unsafe. A judge is
 * a Detector (cost "llm"), so it can be registered in the engine like any other, and it also exposes
 * `judge()`, which takes an AbortSignal so the cascade can cancel the call when its budget runs out.
 */
import type { Stage } from "../../policy/stages.js";
import type { Detector, Finding } from "../types.js";

export interface JudgeRequest {
  /** The text to assess. */
  text: string;
  /** Where the text comes from: input stages are assessed as the user's message, output as the agent's. */
  stage: Stage;
  /** For output checks: the user message the answer replies to, when known. */
  prompt?: string;
  signal?: AbortSignal;
}

export interface JudgeVerdict {
  unsafe: boolean;
  /** One finding per violated category (none when safe); the policy decides what they mean. */
  findings: Finding[];
  /** The guard model's reply, as received. */
  reply: string;
  latencyMs: number;
}

export interface LlmJudge extends Detector {
  readonly cost: "llm";
  judge(request: JudgeRequest): Promise<JudgeVerdict>;
}

/** The guard model answered, but not in the format the judge expects. */
export class JudgeParseError extends Error {
  constructor(
    message: string,
    readonly reply: string,
  ) {
    super(message);
    this.name = "JudgeParseError";
  }
}

/** What a parse step makes of a reply. */
export interface ParsedVerdict {
  unsafe: boolean;
  findings: Finding[];
}
