import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
const D = "/work/main/dist";
const { normalize } = await import(`${D}/text/normalize.js`);
const { loadClassifierFile, weightsPath } = await import(`${D}/classifiers/model/load.js`);
const { scoreText, viewFeatures } = await import(`${D}/classifiers/model/score-text.js`);
const words = readFileSync("/work/shared/datasets/wikipedia-articles-sample/wiki_demo.txt", "utf8").split(/\s+/).filter(Boolean);
let w = 0; const texts = []; for (let k = 0; k < 400; k++) { let t = ""; while (t.length < 2048) t += words[w++ % words.length] + " "; texts.push(t.slice(0, 2048)); }
const c = loadClassifierFile(weightsPath("injection"));
const pool = []; for (let i = 0; i < 400; i++) pool.push(normalize(texts[i]));
// fresh GuardText objects without re-normalising: shallow copies so the WeakMap cache misses
const fresh = (g) => ({ ...g });
for (let i = 0; i < 5000; i++) scoreText(c.model, viewFeatures(fresh(pool[i % 400]), c.featurizer));
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 20 }); await s.post("Profiler.start");
const t0 = performance.now(); const N = 40000;
for (let i = 0; i < N; i++) scoreText(c.model, viewFeatures(fresh(pool[i % 400]), c.featurizer));
console.log("mean µs", ((performance.now() - t0) * 1000 / N).toFixed(1));
const { profile } = await s.post("Profiler.stop"); writeFileSync("/tmp/prof/lat.cpuprofile", JSON.stringify(profile));
