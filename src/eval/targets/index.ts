/** Evaluation targets: a model alone, the guarded stack (and its ablations), the guard alone, an HTTP app, a replay. */
export type { EvalTarget, RailEvent, RailLayer, StackOutput } from "./types.js";
export {
  caseMessages,
  conversationTurns,
  probeText,
  userSideText,
  systemText,
  CaseShapeError,
} from "./messages.js";
export { modelStop } from "./model-stop.js";
export { providerTarget, type ProviderTargetOptions } from "./provider-target.js";
export { runStack, ALL_LAYERS, type StackLayers, type StackRunOptions } from "./run-stack.js";
export { stackTarget, layersLabel, type StackTargetOptions } from "./stack-target.js";
export { guardTarget, type GuardTargetOptions, type RecordedResponses } from "./guard-target.js";
export { ablationTargets, ABLATION_CONFIGS, type Ablation } from "./ablations.js";
export { httpProvider, DEFAULT_BODY_TEMPLATE, type HttpTargetConfig } from "./http/http-provider.js";
export {
  renderTemplate,
  validateTemplate,
  jsonEscape,
  PLACEHOLDERS,
  TemplateError,
} from "./http/body-template.js";
export { getPath, parsePath } from "./http/json-path.js";
export { recordedFromProvider } from "./recorded.js";
export { builtinRecordings, BUILTIN_RECORDINGS_LABEL } from "./builtin-recordings.js";
export { BUILTIN_RESPONSES, type BuiltinResponse } from "./recordings/builtin-responses.js";
