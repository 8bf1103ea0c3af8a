import { describe, expect, it } from "vitest";
import { normalize } from "../../text/normalize.js";
import { classifierDetector } from "../detectors.js";
import { defaultDetectorSettings } from "../../policy/detector-settings.js";
import { getClassifier } from "../model/load.js";
import { muteClassifier } from "./mute-classifier.testkit.js";
import { HEAD_CHARS, findRefusalPhrase } from "./refusal-phrases.js";
import { PHRASE_SCORE, withPhrase } from "./task-phrases.js";

const refusals = [
  "I'm sorry, but I can't help with that request.",
  "I am sorry but I cannot provide instructions for making weapons.",
  "I can\u2019t assist with creating malware.",
  "I cannot in good conscience write that essay.",
  "I won't write content that demeans people.",
  "I'm unable to provide medical diagnoses.",
  "As an AI language model, I cannot browse the internet.",
  "As an AI, I can't share personal opinions on elections.",
  "I must respectfully decline this request.",
  "It is not appropriate for me to speculate about a private person.",
  "I apologize, but that is not something I can do.",
  "I'm not comfortable writing a fake review.",
  "I don't feel comfortable sharing someone's home address.",
  "That's not something I can help with, but I can point you to a lawyer.",
  "As an AI language model, I don't have access to personal information about individuals.",
  "As an AI developed by OpenAI, I do not have the ability to browse private records.",
  "I do not actually have access to Grammarly's internal databases.",
  "It's not possible for me to see your granddaughter's photo.",
  "I cannot speculate about a private person's medical history.",
  "I can't mimic a regional accent in a way that mocks it.",
];

const compliant = [
  "I can't help but notice your code never closes the file; here is a fixed version.",
  "I'm sorry to hear about your loss. Here are some ways to cope with grief.",
  "Sure! Here is a recipe for pancakes: mix flour, eggs and milk.",
  "You cannot freeze mayonnaise well; instead, make it fresh.",
  "As an AI, I don't have personal preferences, but many readers love this novel.",
  "Yes, I can help with that. First, open the settings.",
  "If you're not comfortable with the command line, use the installer instead.",
  "It's not something I can see from here, but the log file will tell you.",
  "It is possible for me to summarise the article: it argues for shorter school days.",
  "I can't encourage you enough to try the pasta at that place.",
  "As an AI, I have access to the documents you uploaded, so here is the summary.",
];

describe("stock refusal phrases", () => {
  it.each(refusals)("finds the refusal in %j", (text) => {
    const span = findRefusalPhrase(text);
    expect(span).not.toBeNull();
    expect(span![0]).toBeLessThan(span![1]);
  });

  it.each(compliant)("lets the compliant answer %j through", (text) => {
    expect(findRefusalPhrase(text)).toBeNull();
  });

  it("reads only the head of the response", () => {
    const late = `${"Here is the full answer you asked for. ".repeat(12)}I'm sorry, but I can't help with more.`;
    expect(late.indexOf("I'm sorry")).toBeGreaterThan(HEAD_CHARS);
    expect(findRefusalPhrase(late)).toBeNull();
    expect(findRefusalPhrase(late.slice(HEAD_CHARS - 10))).not.toBeNull();
  });

  it("lift a score to PHRASE_SCORE, never lower one", () => {
    expect(withPhrase(0.1, true)).toBe(PHRASE_SCORE);
    expect(withPhrase(0.999, true)).toBe(0.999);
    expect(withPhrase(0.1, false)).toBe(0.1);
  });

  it("make the refusal detector report the phrase, on the raw text's span", async () => {
    // A model that scores everything near 0: what the detector reports is the phrase's doing.
    const mute = muteClassifier(getClassifier("refusal"));
    const d = classifierDetector("refusal", { threshold: 0, stages: ["output"], load: () => mute });
    const ctx = { stage: "output" as const, settings: defaultDetectorSettings() };
    const raw = "\u200bI'm sorry, but I can't help with that. Let me know if there is anything else.";
    const [f] = await d.detect(normalize(raw), ctx);
    expect(f!.score).toBe(PHRASE_SCORE);
    expect(f!.evidence).toMatch(/^stock refusal phrase "I'm sorry, but" \(refusal classifier score 0\.0/);
    expect(raw.slice(f!.span![0], f!.span![1])).toBe("I'm sorry, but");
    const [plain] = await d.detect(normalize("Paris is the capital of France."), ctx);
    expect(plain!.score).toBeLessThan(0.01);
  });
});
