import { isStage, STAGES, type Stage } from "../policy/stages.js";
import { UserError } from "./errors.js";

export function parseStage(value: string): Stage {
  if (!isStage(value)) throw new UserError(`unknown stage "${value}": use one of ${STAGES.join(", ")}`);
  return value;
}
