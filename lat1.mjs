import { readFileSync } from "node:fs";
const D = process.env.D ?? "/work/main/dist";
const { normalize } = await import(`${D}/text/normalize.js`);
const { loadClassifierFile, weightsPath } = await import(`${D}/classifiers/model/load.js`);
const { scoreText, viewFeatures } = await import(`${D}/classifiers/model/score-text.js`);
const words = readFileSync("/work/shared/datasets/wikipedia-articles-sample/wiki_demo.txt", "utf8").split(/\s+/).filter(Boolean);
let w = 0; const texts = []; for (let k = 0; k < 400; k++) { let t = ""; while (t.length < 2048) t += words[w++ % words.length] + " "; texts.push(t.slice(0, 2048)); }
const c = loadClassifierFile(weightsPath("injection"));
const med = (xs) => { xs.sort((a, b) => a - b); return xs[xs.length >> 1].toFixed(1); };
function time(label, pool, fn, n = 2000) { for (let i = 0; i < 300; i++) fn(pool[i % pool.length]); const xs = []; for (let i = 0; i < n; i++) { const g = pool[i % pool.length]; const t0 = process.hrtime.bigint(); fn(g); xs.push(Number(process.hrtime.bigint() - t0) / 1000); } console.log(label.padEnd(40), med(xs)); }
const fresh = () => { const p = []; for (let i = 0; i < 2300; i++) p.push(normalize(texts[i % 400])); return p; };
time("per-model (fresh GuardText each)", fresh(), (g) => scoreText(c.model, viewFeatures(g, c.featurizer)));
time("featurizeGuardText (fresh)", fresh(), (g) => c.featurizer.featurizeGuardText(g));
const pool = texts.map(normalize);
time("featurizeGuardText (400 reused)", pool, (g) => c.featurizer.featurizeGuardText(g));
const feats = new Map(pool.map((g) => [g, c.featurizer.featurizeGuardText(g)]));
time("scoreText", pool, (g) => scoreText(c.model, feats.get(g)));
time("per-model (fresh, again)", fresh(), (g) => scoreText(c.model, viewFeatures(g, c.featurizer)));
for (const task of ["harm", "toxicity", "refusal"]) {
  const c2 = loadClassifierFile(weightsPath(task));
  const f = fresh(); const f2 = fresh();
  time(`${task} fresh load, 300 warm`, f, (g) => scoreText(c2.model, viewFeatures(g, c2.featurizer)));
  time(`${task} same load, again`, f2, (g) => scoreText(c2.model, viewFeatures(g, c2.featurizer)));
}
{ let k = 0; const xs = []; for (let i = 0; i < 2300; i++) { const g = normalize(texts[k++ % 400]); const t0 = process.hrtime.bigint(); scoreText(c.model, viewFeatures(g, c.featurizer)); if (i >= 300) xs.push(Number(process.hrtime.bigint() - t0) / 1000); } console.log("normalize-just-before".padEnd(40), med(xs)); }
{ const xs = []; for (let i = 0; i < 2300; i++) { const g = normalize(texts[i % 400]); const t0 = process.hrtime.bigint(); normalize(texts[(i + 7) % 400]); if (i >= 300) xs.push(Number(process.hrtime.bigint() - t0) / 1000); } console.log("normalize itself".padEnd(40), med(xs)); }
