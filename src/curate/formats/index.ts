/** Training-data formats: reading records into turns, writing repaired turns back, detecting the format. */
export * from "./types.js";
export { applyTurnTexts } from "./apply.js";
export { detectFormat, formatByName, FORMATS, supportedFormats, UnknownFormatError } from "./detect.js";
export { isTranscript, transcriptTurns } from "./hh-transcript.js";
export { messageTurns } from "./messages.js";
