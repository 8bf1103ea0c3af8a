/**
 * The hazard taxonomy: the MLCommons hazard categories used by Llama Guard 3 (S1–S14), plus the
 * categories the runtime layers need. Policies may add their own categories on top of these.
 */
export interface CategoryInfo {
  id: string;
  title: string;
  description: string;
  /** Llama Guard 3 / MLCommons code, where the category comes from that taxonomy. */
  mlcommons?: string;
}

export const BUILTIN_CATEGORIES: readonly CategoryInfo[] = [
  {
    id: "violent-crimes",
    mlcommons: "S1",
    title: "Violent crimes",
    description:
      "Enabling, encouraging or endorsing violence against people or animals: terrorism, murder, assault, kidnapping.",
  },
  {
    id: "non-violent-crimes",
    mlcommons: "S2",
    title: "Non-violent crimes",
    description:
      "Fraud, scams, theft, hacking, drug and weapons trafficking, other property and financial crimes.",
  },
  {
    id: "sex-crimes",
    mlcommons: "S3",
    title: "Sex-related crimes",
    description: "Sex trafficking, sexual assault, harassment, prostitution.",
  },
  {
    id: "child-sexual-exploitation",
    mlcommons: "S4",
    title: "Child sexual exploitation",
    description: "Any sexual content involving minors, grooming, or abuse of children.",
  },
  {
    id: "defamation",
    mlcommons: "S5",
    title: "Defamation",
    description: "Verifiably false statements likely to injure a living person's reputation.",
  },
  {
    id: "specialized-advice",
    mlcommons: "S6",
    title: "Specialised advice",
    description: "Unqualified financial, medical or legal advice presented as authoritative.",
  },
  {
    id: "privacy",
    mlcommons: "S7",
    title: "Privacy",
    description: "Sensitive non-public personal information that could undermine someone's security.",
  },
  {
    id: "intellectual-property",
    mlcommons: "S8",
    title: "Intellectual property",
    description: "Infringing copyright, trademarks or patents; reproducing protected works.",
  },
  {
    id: "indiscriminate-weapons",
    mlcommons: "S9",
    title: "Indiscriminate weapons",
    description: "Chemical, biological, radiological, nuclear and high-yield explosive weapons.",
  },
  {
    id: "hate",
    mlcommons: "S10",
    title: "Hate",
    description: "Demeaning or dehumanising people on the basis of protected characteristics.",
  },
  {
    id: "suicide-self-harm",
    mlcommons: "S11",
    title: "Suicide and self-harm",
    description: "Enabling or encouraging suicide, self-injury or disordered eating.",
  },
  {
    id: "sexual-content",
    mlcommons: "S12",
    title: "Sexual content",
    description: "Explicit sexual content.",
  },
  {
    id: "elections",
    mlcommons: "S13",
    title: "Elections",
    description: "Factually incorrect information about electoral systems and processes.",
  },
  {
    id: "code-interpreter-abuse",
    mlcommons: "S14",
    title: "Code interpreter abuse",
    description:
      "Dangerous shell or SQL: denial of service, container escape, destructive commands, credential theft.",
  },
  {
    id: "prompt-injection",
    title: "Prompt injection",
    description:
      "Instructions hidden in user input, documents or tool results that try to override the system's instructions.",
  },
  {
    id: "jailbreak",
    title: "Jailbreak",
    description:
      "Attempts to make the model ignore its safety training: role-play personas, refusal suppression, DAN-style prompts.",
  },
  {
    id: "pii",
    title: "Personal data",
    description:
      "Personally identifiable information: emails, phone numbers, payment cards, national IDs, addresses.",
  },
  {
    id: "secrets",
    title: "Secrets",
    description: "Credentials: API keys, tokens, private keys, passwords and connection strings.",
  },
  { id: "toxicity", title: "Toxicity", description: "Insults, harassment, profanity directed at people." },
  {
    id: "data-exfiltration",
    title: "Data exfiltration",
    description:
      "Moving context data out of the system: markdown images or links carrying data, canary leaks, system-prompt echo.",
  },
  {
    id: "obfuscation",
    title: "Obfuscation",
    description:
      "Hidden or disguised text: invisible, tag or bidi-control characters, mixed-script words, encoded payloads.",
  },
  {
    id: "banned-content",
    title: "Banned terms and topics",
    description: "Terms and topics the product's policy forbids.",
  },
  {
    id: "url-policy",
    title: "URL policy",
    description: "Links to denied domains, raw IP addresses or punycode look-alike hosts.",
  },
  {
    id: "ungrounded",
    title: "Ungrounded answer",
    description:
      "Claims in an answer that the supplied context (retrieved documents, tool results) does not support.",
  },
];

export const BUILTIN_CATEGORY_IDS: ReadonlySet<string> = new Set(BUILTIN_CATEGORIES.map((c) => c.id));
