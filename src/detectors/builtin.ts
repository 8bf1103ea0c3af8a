/** The built-in detectors, in the order they run: deterministic ones first, then the trained classifiers. */
import { classifierDetectors } from "../classifiers/detectors.js";
import { codeDetector } from "./code/detector.js";
import { injectionPhrasesDetector } from "./injection/detector.js";
import { leakageDetector } from "./leakage/detector.js";
import { piiDetector } from "./pii/detector.js";
import { secretsDetector } from "./secrets/detector.js";
import { termsDetector } from "./terms/detector.js";
import type { Detector } from "./types.js";
import { unicodeDetector } from "./unicode/unicode.js";
import { urlsDetector } from "./urls/detector.js";

export function builtinDetectors(): Detector[] {
  return [
    unicodeDetector,
    piiDetector,
    secretsDetector,
    urlsDetector,
    leakageDetector,
    codeDetector,
    termsDetector,
    injectionPhrasesDetector,
    ...classifierDetectors(),
  ];
}
