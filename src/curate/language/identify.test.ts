import { describe, expect, it } from "vitest";
import { identifyLanguage } from "./identify.js";

const SAMPLES: Array<[string, string]> = [
  ["en", "The weather was cold, and we decided that it would be better to stay at home with the children."],
  [
    "de",
    "Das Wetter war kalt, und wir haben uns entschieden, mit den Kindern zu Hause zu bleiben, weil es nicht besser wurde.",
  ],
  [
    "fr",
    "Il faisait froid, et nous avons décidé de rester à la maison avec les enfants parce que le temps était mauvais.",
  ],
  [
    "es",
    "Hacía frío y decidimos que era mejor quedarnos en casa con los niños, porque el tiempo no mejoraba.",
  ],
  [
    "it",
    "Faceva freddo e abbiamo deciso che era meglio restare a casa con i bambini, perché il tempo non era bello.",
  ],
  [
    "pt",
    "Estava frio e decidimos que era melhor ficar em casa com as crianças, porque o tempo não melhorava.",
  ],
  [
    "nl",
    "Het was koud en we besloten dat het beter was om met de kinderen thuis te blijven, want het weer werd niet beter.",
  ],
  [
    "ru",
    "Было холодно, и мы решили, что лучше остаться дома с детьми, потому что погода не становилась лучше.",
  ],
  ["uk", "Було холодно, і ми вирішили, що краще залишитися вдома з дітьми, бо погода не ставала кращою."],
  ["zh", "天气很冷，我们决定和孩子们一起待在家里，因为天气没有变好。"],
  ["ja", "寒かったので、子どもたちと一緒に家にいることにしました。天気は良くなりませんでした。"],
  ["ko", "날씨가 추워서 우리는 아이들과 함께 집에 있기로 했습니다."],
  ["ar", "كان الجو باردا وقررنا البقاء في المنزل مع الأطفال لأن الطقس لم يتحسن."],
  ["el", "Έκανε κρύο και αποφασίσαμε να μείνουμε στο σπίτι με τα παιδιά."],
  ["hi", "ठंड थी और हमने बच्चों के साथ घर पर रहने का फैसला किया।"],
  ["th", "อากาศหนาวมาก เราจึงตัดสินใจอยู่บ้านกับลูกๆ"],
  ["he", "היה קר והחלטנו להישאר בבית עם הילדים."],
];

describe("language identification", () => {
  for (const [lang, text] of SAMPLES)
    it(`identifies ${lang}`, () => {
      expect(identifyLanguage(text).lang).toBe(lang);
    });

  it("answers unknown when the evidence is thin", () => {
    expect(identifyLanguage("").lang).toBe("unknown");
    expect(identifyLanguage("12345 !!! ???").lang).toBe("unknown");
    expect(identifyLanguage("OK").lang).toBe("unknown");
    expect(identifyLanguage("Pizza Margherita").lang).toBe("unknown");
  });

  it("tells Persian from Arabic by its letters", () => {
    expect(identifyLanguage("من امروز به کتابخانه رفتم و چند کتاب گرفتم.").lang).toBe("fa");
  });

  it("reads only the start of a long text, in linear time", () => {
    const small = "the ".repeat(500_000);
    const large = "the ".repeat(4_000_000);
    // The first look at a repeated string flattens it (linear, once); time the calls after that.
    identifyLanguage(small);
    identifyLanguage(large);
    const t0 = performance.now();
    identifyLanguage(small);
    const t1 = performance.now();
    identifyLanguage(large);
    const t2 = performance.now();
    expect(t2 - t1).toBeLessThan(Math.max(t1 - t0, 5) * 3);
    expect(identifyLanguage("a".repeat(1_000_000)).lang).toBe("unknown");
  });
});
