/**
 * A second functional toxicity set, written after the first (toxicity-functional.ts) and kept as a
 * source of its own, so that each can be held out against the other: trained on the first set and the
 * public sources, how does the model treat functional cases worded differently? It covers what the
 * first set does not: hate phrased as a question or an opinion, threats stated as what "should" happen,
 * implicit derogation, hate through a pronoun after the group is named, spelling tricks, and on the
 * other side non-hateful uses of the same words (reporting and quoting hate, identity statements,
 * slang profanity, anger at things and at public institutions). Same groups and fills as the first
 * set; generated in memory.
 */
import type { Example } from "../../types.js";
import { functionalExamples, type Template } from "./toxicity-functional.js";

const TEMPLATES: readonly Template[] = [
  {
    functionality: "hate as a question",
    label: 1,
    texts: [
      "Why are {G} so disgusting?",
      "Isn't it obvious that {G} are inferior?",
      "Why do we still let {G} live among normal people?",
    ],
  },
  {
    functionality: "hate as an opinion",
    label: 1,
    texts: [
      "In my opinion {G} are a cancer on society.",
      "I honestly think {G} are subhuman.",
      "I just believe {G} are worthless, sorry not sorry.",
    ],
  },
  {
    functionality: "normative threat",
    label: 1,
    texts: [
      "{G} should all be locked up and left to rot.",
      "It would be better for everyone if {G} were wiped off the map.",
      "{G} deserve to be beaten in the street.",
    ],
  },
  {
    functionality: "implicit derogation",
    label: 1,
    texts: [
      "Another neighbourhood ruined because {G} moved in.",
      "You can always smell it when {G} have been in the room.",
      "Of course it was {G} again, they never learn to behave like civilised people.",
    ],
  },
  {
    functionality: "hate through a pronoun",
    label: 1,
    texts: [
      "I met some {G} today. I can't stand them, they're vile.",
      "Don't talk to me about {G}. They're nothing but vermin.",
    ],
  },
  {
    functionality: "spelling tricks",
    label: 1,
    texts: [
      "{G} are discusting filth.",
      "i h8 {G} so much",
      "{G} arescum and always will be.",
      "All {G} sh0uld d1e.",
    ],
  },
  {
    functionality: "harassment of a person",
    label: 1,
    texts: [
      "You're a worthless piece of garbage and everyone at work knows it.",
      "Shut your ugly mouth before I shut it for you.",
      "I'll keep messaging you every day until you delete your account, loser.",
    ],
  },
  {
    functionality: "reporting hate",
    label: 0,
    texts: [
      "The article documents how {G} were called 'vermin' in online forums last year.",
      "My teacher explained that propaganda once described {G} as a disease, and why that was so dangerous.",
      "The moderator removed a comment that said {G} should be deported.",
    ],
  },
  {
    functionality: "identity statement",
    label: 0,
    texts: [
      "As one of the {G} in my office, I organise our monthly meet-up.",
      "Many {G} in my town run small businesses.",
      "Our club welcomes {G} and everyone else who loves chess.",
    ],
  },
  {
    functionality: "support and solidarity",
    label: 0,
    texts: [
      "Hate against {G} has no place here, and we stand with them.",
      "Violence against {G} must be called out every time it happens.",
      "Nobody should be harassed just for being one of the {G}.",
    ],
  },
  {
    functionality: "question without hate",
    label: 0,
    texts: ["What are some good books written by {G}?", "How did the history of {G} shape this city?"],
  },
  {
    functionality: "slang profanity without a target",
    label: 0,
    texts: [
      "That concert was fucking amazing.",
      "Shit, I left the oven on.",
      "Damn, this pizza is good.",
      "What the hell happened to my Wi-Fi?",
    ],
  },
  {
    functionality: "anger at things and institutions",
    label: 0,
    texts: [
      "I hate Mondays and I hate this stupid alarm clock.",
      "The airline lost my bag again, their customer service is a disgrace.",
      "This law is a terrible idea and the council should scrap it.",
      "My phone is a useless brick after the update.",
    ],
  },
];

export function readToxicityFunctionalSecond(): Example[] {
  return functionalExamples(TEMPLATES, "contrast:toxicity-functional-2", "toxicity-functional-2", 5);
}
