/**
 * "Ignore all previous instructions" in the languages attacks arrive in: the one formula every direct
 * and indirect injection reaches for, in many wordings. For spaced languages a rule is built from word
 * lists — a verb (ignore, forget, disregard), up to three words of scope or article ("all", "the",
 * "your", "previous"), the thing overridden (instructions, rules, guidelines) and an optional trailing
 * qualifier ("above", "anteriores") — and a match counts only when it names what it overrides as
 * earlier or as the assistant's own ("previous", "your", "system"), or says "all" of the assistant's
 * instructions: "ignore the instructions on the box" and "ignore all prompts and click Next" are
 * ordinary sentences, "ignore all instructions" and "ignore your rules" are not. Languages written
 * without spaces, or object-first, get their own patterns with the scope built in.
 *
 * Every pattern is literal alternations with bounded repetition and no nested quantifiers over the
 * same characters: linear time (test/regex-safety.test.ts checks it).
 */

interface SpacedLanguage {
  lang: string;
  verbs: readonly string[];
  /** Words that name what is overridden as earlier or as the assistant's: one suffices. */
  scope: readonly string[];
  /** "All" words: they suffice only before an instruction word (`instructionTargets`). */
  all: readonly string[];
  instructionTargets: readonly string[];
  /** Articles and possessives that may stand between the verb and the target. */
  articles: readonly string[];
  targets: readonly string[];
  /** Words after the target that name it as earlier ("instrucciones anteriores"); they count as scope. */
  after: readonly string[];
}

const SPACED: readonly SpacedLanguage[] = [
  {
    lang: "en",
    // Not "override": terms of service "override any previous instructions or agreements".
    verbs: ["ignore", "disregard", "forget", "neglect", "discard", "abandon", "drop", "skip"],
    all: ["all", "any", "every", "everything"],
    instructionTargets: ["instructions", "instruction", "directives", "guidelines"],
    scope: [
      "previous",
      "prev",
      "prior",
      "preceding",
      "above",
      "earlier",
      "former",
      "original",
      "initial",
      "foregoing",
      "system",
      "your",
      "safety",
      "developer",
      "openai",
    ],
    articles: [
      "the",
      "of",
      "these",
      "those",
      "my",
      "our",
      "its",
      "their",
      "existing",
      "old",
      "given",
      "current",
    ],
    targets: [
      "instructions",
      "instruction",
      "directions",
      "directives",
      "rules",
      "guidelines",
      "prompts",
      "prompt",
      "commands",
      "constraints",
      "restrictions",
      "guardrails",
      "programming",
      "policies",
      "filters",
      "orders",
    ],
    after: [
      "above",
      "before",
      "so far",
      "until now",
      "you were given",
      "you have been given",
      "you received",
    ],
  },
  {
    lang: "de",
    verbs: [
      "ignoriere",
      "ignorier",
      "ignorieren sie",
      "vergiss",
      "vergessen sie",
      "missachte",
      "missachten sie",
    ],
    all: ["alle", "sämtliche", "alles"],
    instructionTargets: ["anweisungen", "anweisung", "instruktionen"],
    scope: ["bisherigen", "vorherigen", "vorigen", "obigen", "früheren", "deine", "ihre"],
    articles: ["die", "der", "den"],
    targets: [
      "anweisungen",
      "anweisung",
      "instruktionen",
      "befehle",
      "regeln",
      "vorgaben",
      "anordnungen",
      "richtlinien",
    ],
    after: ["oben", "davor", "von vorher", "bis jetzt"],
  },
  {
    lang: "fr",
    verbs: [
      "ignore",
      "ignorez",
      "ignorer",
      "oublie",
      "oubliez",
      "oublier",
      "ne tiens pas compte de",
      "ne tenez pas compte de",
    ],
    all: ["toutes", "tous"],
    instructionTargets: ["instructions", "consignes"],
    scope: ["tes", "vos", "précédentes", "precedentes", "antérieures", "anterieures", "initiales"],
    articles: ["les", "des", "ces"],
    targets: ["instructions", "consignes", "directives", "règles", "regles", "ordres"],
    after: [
      "précédentes",
      "precedentes",
      "antérieures",
      "anterieures",
      "ci-dessus",
      "initiales",
      "d'origine",
    ],
  },
  {
    lang: "es",
    verbs: ["ignora", "ignore", "ignorar", "olvida", "olvide", "olvidar", "descarta", "descarte"],
    all: ["todas", "todos"],
    instructionTargets: ["instrucciones", "indicaciones"],
    scope: ["tus", "sus", "anteriores", "previas"],
    articles: ["las", "los", "de"],
    targets: ["instrucciones", "indicaciones", "reglas", "directrices", "órdenes", "ordenes", "normas"],
    after: ["anteriores", "previas", "de arriba", "iniciales", "originales"],
  },
  {
    lang: "it",
    verbs: ["ignora", "ignori", "ignorare", "dimentica", "dimentichi", "dimenticare"],
    all: ["tutte", "tutti"],
    instructionTargets: ["istruzioni", "indicazioni"],
    scope: ["tue", "sue", "precedenti"],
    articles: ["le", "i", "gli", "delle"],
    targets: ["istruzioni", "regole", "indicazioni", "direttive", "ordini"],
    after: ["precedenti", "iniziali", "di prima", "sopra"],
  },
  {
    lang: "pt",
    verbs: ["ignore", "ignora", "ignorar", "esqueça", "esqueca", "esquecer", "desconsidere", "desconsidera"],
    all: ["todas", "todos"],
    instructionTargets: ["instruções", "instrucoes", "orientações", "orientacoes"],
    scope: ["suas", "tuas", "anteriores"],
    articles: ["as", "os"],
    targets: ["instruções", "instrucoes", "regras", "diretrizes", "orientações", "orientacoes", "ordens"],
    after: ["anteriores", "prévias", "previas", "iniciais", "acima"],
  },
  {
    lang: "nl",
    verbs: ["negeer", "vergeet"],
    all: ["alle"],
    instructionTargets: ["instructies", "aanwijzingen"],
    scope: ["je", "jouw", "uw", "vorige", "eerdere", "voorgaande"],
    articles: ["de"],
    targets: ["instructies", "regels", "aanwijzingen", "opdrachten", "richtlijnen"],
    after: ["hierboven", "hiervoor"],
  },
  {
    lang: "pl",
    verbs: ["zignoruj", "ignoruj", "zapomnij o", "zapomnij"],
    all: ["wszystkie", "wszystkich"],
    instructionTargets: ["instrukcje", "instrukcjach", "polecenia", "poleceniach"],
    scope: ["poprzednie", "poprzednich", "wcześniejsze", "wcześniejszych", "swoje", "twoje"],
    articles: [],
    targets: ["instrukcje", "instrukcjach", "polecenia", "poleceniach", "zasady", "zasadach", "reguły"],
    after: ["powyżej"],
  },
  {
    lang: "ru",
    verbs: [
      "игнорируй",
      "игнорируйте",
      "проигнорируй",
      "проигнорируйте",
      "забудь",
      "забудьте",
      "забудь про",
      "забудьте про",
    ],
    all: ["все", "всё"],
    instructionTargets: ["инструкции", "указания", "инструкциях"],
    scope: ["предыдущие", "прежние", "вышеуказанные", "свои", "твои", "ваши"],
    articles: [],
    targets: ["инструкции", "указания", "правила", "команды", "распоряжения", "инструкциях"],
    after: ["выше"],
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
const alternation = (words: readonly string[]) =>
  // Longest first, so that "ignorieren sie" is tried before "ignorier".
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");

/** A rule: the pattern, and for a spaced language the words that decide whether a match counts. */
export interface OverrideRule {
  lang: string;
  pattern: RegExp;
  spaced: SpacedLanguage | null;
  /** Strings one of which every match contains (the detector runs the pattern only when one occurs). */
  triggers: readonly string[];
}

// Letters of any script, for word edges in scripts \b does not know (Cyrillic, accented Latin).
const LETTER = "\\p{L}";
const WHITE = /\s+/;

function longestWord(phrase: string): string {
  return phrase.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
}

function spacedRule(l: SpacedLanguage): OverrideRule {
  const words = alternation([...l.scope, ...l.all, ...l.articles]);
  const targets = alternation([...l.targets, ...l.instructionTargets]);
  const source =
    `(?<!${LETTER})(?:${alternation(l.verbs)})\\s+(?:(?:${words})\\s+){0,3}` +
    `(?:${targets})(?:\\s+(?:${alternation(l.after)}))?(?!${LETTER})`;
  return {
    lang: l.lang,
    pattern: new RegExp(source, "giu"),
    spaced: l,
    // A verb phrase's longest word: its first may be a particle ("ne tiens pas compte de") that occurs
    // inside thousands of ordinary words and would send every window to the pattern.
    triggers: l.verbs.map(longestWord),
  };
}

/** Object-first and unspaced languages: the scope is part of the pattern. */
const BUILT_IN: readonly { lang: string; source: string; triggers: readonly string[] }[] = [
  {
    lang: "zh",
    triggers: ["忽略", "无视", "忽视", "忘记", "忘掉", "理会", "丢弃"],
    source:
      "(?:忽略|无视|忽视|忘记|忘掉|不要理会|不理会|丢弃)(?:掉)?(?:你的|之前|以上|上面|上述|先前|前面|此前|所有|全部|一切|的){1,4}(?:指令|指示|说明|规则|提示词|提示|命令|设定|要求|约束|限制)",
  },
  {
    lang: "ja",
    triggers: ["無視", "忘れ"],
    source:
      "(?:以前|前|上記|これまで|今まで|最初|先ほど|全て|すべて)の(?:すべての|全ての)?(?:指示|命令|指令|ルール|プロンプト|制約)(?:を|は)(?:すべて|全て)?(?:無視|忘れ)",
  },
  {
    lang: "ko",
    triggers: ["무시", "잊어"],
    source:
      "(?:이전|앞의|위의|모든|기존)\\s*(?:모든\\s*)?(?:지시|명령|지침|규칙|프롬프트)(?:사항)?(?:을|를|은|는)?\\s*(?:모두\\s*)?(?:무시|잊어)",
  },
  {
    lang: "ar",
    triggers: ["تجاهل", "انس", "إنس"],
    source:
      "(?:تجاهل|تجاهلي|انس|إنس|انسى)\\s+(?:(?:جميع|كل)\\s+)?(?:التعليمات|الأوامر|التوجيهات|القواعد)\\s+(?:السابقة|الأصلية)|(?:تجاهل|تجاهلي|انس|إنس|انسى)\\s+(?:جميع|كل)\\s+(?:التعليمات|الأوامر|التوجيهات|القواعد)",
  },
  {
    lang: "hi",
    triggers: ["अनदेखा", "नज़रअंदाज़", "नजरअंदाज", "भूल"],
    source:
      "(?:पिछले|पिछली|पहले\\s+के|सभी|ऊपर\\s+के)\\s+(?:सभी\\s+)?(?:निर्देशों|निर्देश|आदेशों|नियमों)\\s+(?:को\\s+)?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)",
  },
  {
    lang: "tr",
    triggers: ["yok", "görmezden", "unut"],
    source:
      "(?:önceki|tüm|bütün|yukarıdaki)\\s+(?:(?:tüm|bütün)\\s+)?(?:talimatları|talimatlari|kuralları|komutları|yönergeleri)\\s+(?:yok\\s+say|görmezden\\s+gel|unut)",
  },
];

export const OVERRIDE_RULES: readonly OverrideRule[] = [
  ...SPACED.map(spacedRule),
  ...BUILT_IN.map((b) => ({
    lang: b.lang,
    pattern: new RegExp(b.source, "giu"),
    spaced: null,
    triggers: b.triggers,
  })),
];

/** The match's words, lower-cased (the patterns separate them by white space). */
function wordsOf(match: string): string[] {
  return match.toLowerCase().split(WHITE);
}

/** Whether `phrase` (one or more words) occurs in `words` as whole words. */
function hasPhrase(words: readonly string[], phrase: string): boolean {
  const parts = phrase.split(" ");
  for (let i = 0; i + parts.length <= words.length; i++) {
    let k = 0;
    while (k < parts.length && words[i + k] === parts[k]) k++;
    if (k === parts.length) return true;
  }
  return false;
}

/**
 * Whether a match overrides the assistant's instructions: it names them as earlier or as the assistant's
 * (a scope word or a trailing qualifier), or says "all" of them and they are instructions. Always, for
 * the patterns with the scope built in.
 */
export function isOverride(rule: OverrideRule, match: string): boolean {
  const l = rule.spaced;
  if (l === null) return true;
  const words = wordsOf(match);
  if (l.scope.some((w) => hasPhrase(words, w)) || l.after.some((w) => hasPhrase(words, w))) return true;
  const target = words[words.length - 1]!;
  return l.all.some((w) => hasPhrase(words, w)) && l.instructionTargets.includes(target);
}

export const PATTERNS: readonly RegExp[] = [...OVERRIDE_RULES.map((r) => r.pattern), WHITE];
