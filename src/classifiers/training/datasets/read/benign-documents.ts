/**
 * Readers for benign documents and multilingual text (label 0): XQuAD questions and paragraphs, Wikipedia
 * articles cut into chunks, C4 web pages, tldr command pages (SMS messages are read by benign-text.ts). Documents are what indirect
 * prompt injection hides in, so they are the injection task's main negatives.
 */
import { basename, join } from "node:path";
import type { Example } from "../../types.js";
import { compact, makeExample } from "./examples.js";
import { listFiles, readText } from "./files.js";
import { arr, readJson, readJsonl, str } from "./json.js";

/** One XQuAD language file: its ISO code (from `xquad.<code>.json`) and articles. */
function xquadFiles(dataDir: string): { lang: string; articles: unknown[] }[] {
  const files = listFiles(join(dataDir, "xquad"), ".json").filter((f) => basename(f).startsWith("xquad."));
  if (files.length === 0) throw new Error(`No xquad.<lang>.json files in ${join(dataDir, "xquad")}`);
  return files.map((f) => ({ lang: basename(f).split(".")[1] ?? "", articles: arr(readJson(f), "data") }));
}

/** XQuAD questions in all 12 languages. Question ids are shared across languages, so the group keeps a
 *  question and its translations together. */
export function readXquadQuestions(dataDir: string): Example[] {
  const out: (Example | null)[] = [];
  for (const { lang, articles } of xquadFiles(dataDir)) {
    for (const article of articles) {
      for (const paragraph of arr(article, "paragraphs")) {
        for (const qa of arr(paragraph, "qas")) {
          out.push(makeExample(str(qa, "question"), 0, "xquad", { lang, group: `xquad:q:${str(qa, "id")}` }));
        }
      }
    }
  }
  return compact(out);
}

/** XQuAD context paragraphs in all 12 languages, grouped by position so translations stay together. */
export function readXquadParagraphs(dataDir: string): Example[] {
  const out: (Example | null)[] = [];
  for (const { lang, articles } of xquadFiles(dataDir)) {
    articles.forEach((article, a) => {
      arr(article, "paragraphs").forEach((paragraph, p) => {
        out.push(makeExample(str(paragraph, "context"), 0, "xquad", { lang, group: `xquad:p:${a}:${p}` }));
      });
    });
  }
  return compact(out);
}

const CHUNK_MIN = 1000;
const CHUNK_MAX = 2000;

/** True at a sentence end: "." then a space, or "." glued to a capital (the sample lost some spaces). */
function isSentenceEnd(text: string, i: number): boolean {
  if (text[i] !== ".") return false;
  const next = text[i + 1] ?? " ";
  return next === " " || next === "\n" || (next !== next.toLowerCase() && next === next.toUpperCase());
}

/** Cuts text into chunks of CHUNK_MIN–CHUNK_MAX characters, ending at a sentence end, else a space. */
export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (text.length - start > CHUNK_MAX) {
    const limit = start + CHUNK_MAX;
    let cut = -1;
    for (let i = limit - 1; i >= start + CHUNK_MIN; i--) {
      if (isSentenceEnd(text, i)) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      const space = text.lastIndexOf(" ", limit);
      cut = space > start + CHUNK_MIN ? space : limit;
    }
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks.map((c) => c.trim()).filter((c) => c !== "");
}

/** Wikipedia sample: one article per line, cut into ~1–2 KB chunks grouped by article. */
export function readWikipediaChunks(dataDir: string): Example[] {
  const lines = readText(join(dataDir, "wikipedia-articles-sample", "wiki_demo.txt")).split("\n");
  const out: (Example | null)[] = [];
  lines.forEach((article, a) => {
    for (const chunk of chunkText(article)) {
      out.push(makeExample(chunk, 0, "wikipedia-articles-sample", { lang: "en", group: `wikipedia:${a}` }));
    }
  });
  return compact(out);
}

export function readC4(dataDir: string): Example[] {
  const rows = readJsonl(join(dataDir, "c4-sample", "c4_demo.jsonl"));
  return compact(rows.map((row) => makeExample(str(row, "text"), 0, "c4-sample", { lang: "en" })));
}

/** tldr pages: Markdown help pages full of shell commands. */
export function readTldr(dataDir: string): Example[] {
  const rows = readJsonl(join(dataDir, "tldr-pages", "tldr_pages_en.jsonl"));
  return compact(rows.map((row) => makeExample(str(row, "markdown"), 0, "tldr-pages", { lang: "en" })));
}
