/**
 * Nationalities, religious and political groups (Presidio's NRP): demonyms in singular and plural,
 * religions and their adherents. Written for this project from general knowledge.
 */
const DEMONYMS = `afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian azerbaijani
bahamian bahraini bangladeshi barbadian belarusian belgian belizean belizian beninese bhutanese bolivian bosnian botswanan brazilian
british bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian
congolese costa_rican croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian ecuadorean egyptian emirati
english eritrean estonian ethiopian fijian filipino finnish french gabonese gambian georgian german ghanaian greek
grenadian guatemalan guinean guyanese haitian honduran hungarian icelandic indian indonesian iranian iraqi irish
israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz lao laotian latvian
lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian malian maltese
mauritanian mauritian mexican moldovan monegasque mongolian montenegrin moroccan mozambican namibian nepalese
nepali nicaraguan nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan persian peruvian polish
portuguese qatari romanian russian rwandan salvadoran samoan saudi scottish senegalese serbian singaporean slovak
slovakian slovenian somali south_african spanish sri_lankan sudanese surinamese swazi swedish swiss syrian taiwanese
tajik tanzanian thai togolese tongan tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese
welsh yemeni zambian zimbabwean european asian african latino latina hispanic arab arabic kurdish basque catalan
chechen tatar roma romani inuit aboriginal maori flemish walloon bavarian texan californian`;

const GROUPS = `christian christians catholic catholics protestant protestants orthodox evangelical evangelicals lutheran lutherans
baptist baptists methodist methodists anglican anglicans mormon mormons muslim muslims islamic sunni sunnis shia shiite
shiites shii shiis jewish jew jews judaism hindu hindus hinduism buddhist buddhists buddhism sikh sikhs sikhism jain jains
atheist atheists agnostic agnostics christianity islam taoist confucian shinto pagan wiccan rastafarian druze bahai
democrat democrats republican republicans communist communists socialist socialists conservative conservatives
libertarian libertarians`;

/** Demonyms that are also common English words, matched only when capitalised. */
export const CASE_SENSITIVE_NRP: ReadonlySet<string> = new Set([
  "polish",
  "turkish",
  "chinese",
  "french",
  "english",
  "german",
  "american",
  "conservative",
  "conservatives",
  "orthodox",
  "catholic",
]);

function plural(w: string): string[] {
  if (
    w.endsWith("ese") ||
    w.endsWith("ish") ||
    w.endsWith("ch") ||
    w.endsWith("swiss") ||
    w.endsWith("i") ||
    w.endsWith("s")
  )
    return [w];
  return [w, `${w}s`];
}

const demonyms = DEMONYMS.split(/\s+/)
  .filter(Boolean)
  .map((d) => d.replace("_", " "));
/** Lower-case single words and two-word phrases ("south_african"). */
export const NRP_TERMS: ReadonlySet<string> = new Set([
  ...demonyms.flatMap(plural),
  ...demonyms.map((d) => (d.endsWith("i") ? `${d}s` : d)),
  ...GROUPS.split(/\s+/).filter(Boolean),
]);

/** First words of the two-word terms ("south" of "south african"). */
export const NRP_FIRST_WORDS: ReadonlySet<string> = new Set(
  [...NRP_TERMS].filter((t) => t.includes(" ")).map((t) => t.split(" ")[0]!),
);
