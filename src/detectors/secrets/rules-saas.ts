/**
 * Other SaaS APIs. Most of these providers issue keys with no recognisable format, so the rules
 * require the provider's name in the assigned name (keyed rules); a few have prefixes.
 */
import { isDigit } from "./chars.js";
import { keyedRule } from "./keyed-rule.js";
import type { SecretRule } from "./rule-types.js";
import { tokenRule } from "./token-rule.js";

/** [id, provider names, value pattern, gitleaks ids] */
type KeyedRow = [string, string[], RegExp, string[]];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KEYED: readonly KeyedRow[] = [
  ["adafruit-api-key", ["adafruit"], /^[a-z0-9_-]{32}$/i, ["adafruit-api-key"]],
  ["algolia-api-key", ["algolia"], /^[a-z0-9]{32}$/i, ["algolia-api-key"]],
  ["asana-client-secret", ["asana"], /^[a-z0-9]{32}$/i, ["asana-client-secret"]],
  ["beamer-api-token", ["beamer"], /^b_[a-z0-9=_-]{44}$/i, ["beamer-api-token"]],
  ["cisco-meraki-api-key", ["meraki"], /^[0-9a-f]{40}$/, ["cisco-meraki-api-key"]],
  ["codecov-access-token", ["codecov"], /^[a-z0-9]{32}$/i, ["codecov-access-token"]],
  ["confluent-secret-key", ["confluent"], /^[a-z0-9]{64}$/i, ["confluent-secret-key"]],
  ["contentful-delivery-api-token", ["contentful"], /^[a-z0-9=_-]{43}$/i, ["contentful-delivery-api-token"]],
  ["droneci-access-token", ["droneci"], /^[a-z0-9]{32}$/i, ["droneci-access-token"]],
  [
    "dropbox-api-token",
    ["dropbox"],
    /^(?:sl\.[a-z0-9=_-]{135}|[a-z0-9]{11}AAAAAAAAAA[a-z0-9=_-]{43}|[a-z0-9]{15})$/i,
    ["dropbox-api-token", "dropbox-long-lived-api-token", "dropbox-short-lived-api-token"],
  ],
  ["etsy-access-token", ["etsy"], /^[a-z0-9]{24}$/i, ["etsy-access-token"]],
  ["facebook-secret", ["facebook"], /^[a-f0-9]{32}$/i, ["facebook-secret"]],
  ["fastly-api-token", ["fastly"], /^[a-z0-9=_-]{32}$/i, ["fastly-api-token"]],
  [
    "finicity-client-secret",
    ["finicity"],
    /^(?:[a-z0-9]{20}|[a-f0-9]{32})$/i,
    ["finicity-client-secret", "finicity-api-token"],
  ],
  ["finnhub-access-token", ["finnhub"], /^[a-z0-9]{20}$/i, ["finnhub-access-token"]],
  ["flickr-access-token", ["flickr"], /^[a-z0-9]{32}$/i, ["flickr-access-token"]],
  ["freshbooks-access-token", ["freshbooks"], /^[a-z0-9]{64}$/i, ["freshbooks-access-token"]],
  ["hubspot-api-key", ["hubspot"], UUID, ["hubspot-api-key"]],
  ["intercom-api-key", ["intercom"], /^[a-z0-9=_-]{60}$/i, ["intercom-api-key"]],
  ["launchdarkly-access-token", ["launchdarkly"], /^[a-z0-9=_-]{40}$/i, ["launchdarkly-access-token"]],
  [
    "linkedin-client-secret",
    ["linkedin", "linked_in", "linked-in"],
    /^[a-z0-9]{16}$/i,
    ["linkedin-client-secret"],
  ],
  [
    "lob-api-key",
    ["lob"],
    /^(?:live|test)_(?:pub_[a-f0-9]{31}|[a-f0-9]{35})$/,
    ["lob-api-key", "lob-pub-api-key"],
  ],
  ["looker-client-secret", ["looker"], /^[a-z0-9]{24}$/i, ["looker-client-secret"]],
  ["mapbox-api-token", ["mapbox"], /^pk\.[a-z0-9]{60}\.[a-z0-9]{22}$/i, ["mapbox-api-token"]],
  ["netlify-access-token", ["netlify"], /^[a-z0-9=_-]{40,46}$/i, ["netlify-access-token"]],
  ["nytimes-access-token", ["nytimes", "newyorktimes"], /^[a-z0-9=_-]{32}$/i, ["nytimes-access-token"]],
  [
    "privateai-api-token",
    ["privateai", "private_ai", "private-ai"],
    /^[a-z0-9]{32}$/i,
    ["privateai-api-token"],
  ],
  ["rapidapi-access-token", ["rapidapi"], /^[a-z0-9_-]{50}$/i, ["rapidapi-access-token"]],
  ["squarespace-access-token", ["squarespace"], UUID, ["squarespace-access-token"]],
  ["sumologic-access-token", ["sumo"], /^[a-z0-9]{64}$/i, ["sumologic-access-token"]],
  ["travisci-access-token", ["travis"], /^[a-z0-9]{22}$/i, ["travisci-access-token"]],
  ["twitch-api-token", ["twitch"], /^[a-z0-9]{30}$/i, ["twitch-api-token"]],
  [
    "twitter-api-secret",
    ["twitter"],
    /^(?:[a-z0-9]{45}|[a-z0-9]{50}|[a-z0-9]{25}|\d{15,25}-[a-z0-9]{20,40}|A{22}[a-z0-9%]{80,100})$/i,
    [
      "twitter-access-secret",
      "twitter-api-secret",
      "twitter-api-key",
      "twitter-access-token",
      "twitter-bearer-token",
    ],
  ],
  [
    "yandex-api-key",
    ["yandex"],
    /^(?:AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}|t1\.[A-Za-z0-9_-]{1,300}={0,2}\.[A-Za-z0-9_-]{86}={0,2})$/,
    ["yandex-api-key", "yandex-aws-access-token", "yandex-access-token"],
  ],
  ["zendesk-secret-key", ["zendesk"], /^[a-z0-9]{40}$/i, ["zendesk-secret-key"]],
  ["sidekiq-secret", ["contribsys"], /^[a-f0-9]{8}:[a-f0-9]{8}$/, ["sidekiq-secret"]],
];

export const SAAS_RULES: readonly SecretRule[] = [
  ...KEYED.map(([id, names, value, gitleaks]) =>
    keyedRule({
      id,
      family: id.split("-")[0] as string,
      description: `${id.replace(/-/g, " ")} assigned to a ${names[0]} name`,
      names,
      value,
      // Provider name + fixed shape is weaker evidence than a prefixed format.
      score: 0.8,
      minEntropy: 3,
      gitleaks,
    }),
  ),
  tokenRule({
    id: "facebook-access-token",
    family: "facebook",
    description: "Facebook app access token (<15-16 digit app id>|<secret>)",
    keywords: ["|", "%7c"],
    back: { max: 16, test: isDigit },
    notAfter: (c) => isDigit(c) || c === 95,
    pattern: /\d{15,16}(?:\||%7[Cc])[0-9A-Za-z_-]{27,40}(?![\w-])/y,
    score: 0.8,
    minEntropy: 3.5,
    gitleaks: ["facebook-access-token"],
  }),
  tokenRule({
    id: "facebook-page-access-token",
    family: "facebook",
    description: "Facebook / Meta page access token (EAAM..., EAAC...)",
    keywords: ["eaam", "eaac"],
    pattern: /EAA[MC][A-Za-z0-9]{100,400}(?![A-Za-z0-9])/y,
    score: 0.9,
    minEntropy: 4,
    gitleaks: ["facebook-page-access-token"],
  }),
  tokenRule({
    id: "mapbox-secret-token",
    family: "mapbox",
    description: "Mapbox secret access token (sk.eyJ...)",
    keywords: ["sk.eyj"],
    pattern: /sk\.eyJ[A-Za-z0-9_-]{40,400}\.[A-Za-z0-9_-]{20,64}(?![\w-])/y,
    score: 0.95,
  }),
  tokenRule({
    id: "intra42-client-secret",
    family: "intra42",
    description: "42 Intra client secret (s-s4t2ud-/s-s4t2af-)",
    keywords: ["s-s4t2"],
    pattern: /s-s4t2(?:ud|af)-[a-fA-F0-9]{64}(?![\w-])/y,
    score: 0.95,
    gitleaks: ["intra42-client-secret"],
  }),
];
