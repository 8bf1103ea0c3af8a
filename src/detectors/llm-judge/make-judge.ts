/**
 * The part every LLM judge shares: build the messages, ask the provider (temperature 0, a short answer),
 * parse the reply. As a Detector it judges the raw text at the stage it runs in; errors (an unreachable
 * provider, a reply it cannot parse) are thrown, so the engine records them as failures and applies the
 * policy's `detectors.onError`.
 */
import type { ChatMessage, Provider } from "../../providers/types.js";
import type { Stage } from "../../policy/stages.js";
import type { DetectorContext, Finding } from "../types.js";
import type { GuardText } from "../../text/types.js";
import type { JudgeRequest, JudgeVerdict, LlmJudge, ParsedVerdict } from "./types.js";

export interface JudgeSpec {
  name: string;
  stages: readonly Stage[];
  categories: readonly string[];
  provider: Provider;
  model?: string;
  maxTokens: number;
  messages(request: JudgeRequest): ChatMessage[];
  parse(reply: string): ParsedVerdict;
}

export function makeJudge(spec: JudgeSpec): LlmJudge {
  async function judge(request: JudgeRequest): Promise<JudgeVerdict> {
    const t0 = performance.now();
    const response = await spec.provider.complete({
      messages: spec.messages(request),
      temperature: 0,
      maxTokens: spec.maxTokens,
      ...(spec.model !== undefined ? { model: spec.model } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const parsed = spec.parse(response.text);
    return { ...parsed, reply: response.text, latencyMs: performance.now() - t0 };
  }

  return {
    name: spec.name,
    stages: spec.stages,
    cost: "llm",
    categories: spec.categories,
    judge,
    async detect(text: GuardText, ctx: DetectorContext): Promise<Finding[]> {
      return (await judge({ text: text.raw, stage: ctx.stage })).findings;
    },
  };
}
