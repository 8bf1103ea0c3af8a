/** A Provider wrapped in the guard's rails (input, toolResult, output, tool calls, streaming). */
export { wrapProvider } from "./wrap-provider.js";
export {
  allowedCalls,
  defaultWithheldNotice,
  passedText,
  runInputRails,
  runOutputRails,
  sessionFor,
  stoppedCallReply,
  stops,
  type InputRails,
  type OutputRails,
  type RailInput,
  type RailToolResult,
} from "./rails.js";
export { readTurn, type Turn, type TurnToolResult } from "./turn.js";
export type {
  FinishChunk,
  GuardedChatChunk,
  GuardedChatResponse,
  GuardedProvider,
  GuardReport,
  WrapOptions,
} from "./types.js";
