/** Who stopped a model's answer, when no rail did: the model itself if it refused (by the refusal judge). */
import type { FinishReason } from "../../providers/types.js";
import { isRefusal } from "../judges/refusal.js";
import type { TargetOutput } from "../types.js";

export function modelStop(text: string, finishReason?: FinishReason): TargetOutput["stoppedBy"] {
  if (finishReason === "content_filter") return "model";
  return text.trim() !== "" && isRefusal(text) ? "model" : "none";
}
