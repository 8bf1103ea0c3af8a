/** Model-provider API keys: OpenAI, Anthropic, Hugging Face and other inference APIs. */
import { charClasses, caseSwitchRate } from "./entropy.js";
import { keyedRule } from "./keyed-rule.js";
import type { SecretRule } from "./rule-types.js";
import { tokenRule } from "./token-rule.js";

/** OpenAI keys embed the base64 of "OpenAI" (T3BlbkFJ); keys without it are less certain. */
const OPENAI_MARK = "T3BlbkFJ";

export const AI_RULES: readonly SecretRule[] = [
  tokenRule({
    id: "openai-api-key",
    family: "openai",
    description: "OpenAI API key: sk-proj-/sk-svcacct-/sk-admin- project keys and legacy sk- keys",
    keywords: ["sk-"],
    pattern: /sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}|[A-Za-z0-9]{32,64})(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
    validate: (s) => {
      if (s.includes(OPENAI_MARK)) return 0.98;
      const body = s.slice(s.lastIndexOf("-") + 1);
      // Legacy-shaped keys without the marker: only if the body is random-looking mixed case.
      const cls = charClasses(body);
      return cls.digit && cls.upper && cls.lower
        ? 0.8
        : s.length > 60 && caseSwitchRate(body) > 0.3
          ? 0.7
          : false;
    },
    what: "OpenAI key",
    gitleaks: ["openai-api-key"],
  }),
  tokenRule({
    id: "anthropic-api-key",
    family: "anthropic",
    description: "Anthropic API key (sk-ant-api03-...)",
    keywords: ["sk-ant-"],
    pattern: /sk-ant-(?:api|oat|sid)\d\d-[A-Za-z0-9_-]{32,200}(?![\w-])/y,
    score: 0.98,
    what: "Anthropic key",
    gitleaks: ["anthropic-api-key"],
  }),
  tokenRule({
    id: "anthropic-admin-api-key",
    family: "anthropic",
    description: "Anthropic admin API key (sk-ant-admin01-...)",
    keywords: ["sk-ant-admin"],
    pattern: /sk-ant-admin\d\d-[A-Za-z0-9_-]{32,200}(?![\w-])/y,
    score: 0.98,
    what: "Anthropic admin key",
    gitleaks: ["anthropic-admin-api-key"],
  }),
  tokenRule({
    id: "huggingface-access-token",
    family: "huggingface",
    description: "Hugging Face user access token (hf_ + 34 letters)",
    keywords: ["hf_"],
    pattern: /hf_[A-Za-z0-9]{34}(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
    validate: (s) => caseSwitchRate(s.slice(3)) > 0.25,
    what: "Hugging Face token",
    gitleaks: ["huggingface-access-token"],
  }),
  tokenRule({
    id: "huggingface-organization-api-token",
    family: "huggingface",
    description: "Hugging Face organization API token (api_org_ + 34 letters)",
    keywords: ["api_org_"],
    pattern: /api_org_[A-Za-z0-9]{34}(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
    validate: (s) => caseSwitchRate(s.slice(8)) > 0.25,
    gitleaks: ["huggingface-organization-api-token"],
  }),
  tokenRule({
    id: "perplexity-api-key",
    family: "perplexity",
    description: "Perplexity API key (pplx-)",
    keywords: ["pplx-"],
    pattern: /pplx-[A-Za-z0-9]{48}(?![\w-])/y,
    score: 0.95,
    gitleaks: ["perplexity-api-key"],
  }),
  tokenRule({
    id: "groq-api-key",
    family: "groq",
    description: "Groq API key (gsk_)",
    keywords: ["gsk_"],
    pattern: /gsk_[A-Za-z0-9]{48,56}(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
  }),
  tokenRule({
    id: "replicate-api-token",
    family: "replicate",
    description: "Replicate API token (r8_)",
    keywords: ["r8_"],
    pattern: /r8_[A-Za-z0-9]{36,40}(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
  }),
  tokenRule({
    id: "xai-api-key",
    family: "xai",
    description: "xAI API key (xai-)",
    keywords: ["xai-"],
    pattern: /xai-[A-Za-z0-9]{70,90}(?![\w-])/y,
    score: 0.9,
    minEntropy: 3.5,
  }),
  keyedRule({
    id: "cohere-api-token",
    family: "cohere",
    description: "Cohere API key (40 alphanumerics) assigned to a cohere / CO_API_KEY name",
    names: ["cohere", "co_api_key"],
    value: /^[A-Za-z0-9]{40}$/,
    minEntropy: 4,
    gitleaks: ["cohere-api-token"],
  }),
];
