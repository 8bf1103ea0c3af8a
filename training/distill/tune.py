"""Tune the distilled table on sentences (the Tokenlearn step of Model2Vec).

Model2Vec embeds each vocabulary piece *alone*; a piece's vector then knows nothing of the
contexts it occurs in, and pieces of scripts that need several pieces per word (Arabic, Thai,
Chinese) come out poorly aligned with their translations. This step fits the static table to
the teacher's *sentence* embeddings: for each corpus text, the mean of its pieces' vectors
should point where the teacher's embedding of the whole text points. Because the teacher is
multilingual and aligned across languages, this also pulls translations together.

    1. corpus: general, unlabelled text from the shared datasets (corpus() below says which):
       none of the classifiers' positive sources and not XSafety, so the classifiers'
       cross-source and per-language figures stay honest; XQuAD contributes the paragraphs and
       questions of its first half of articles only (the second half is the held-out
       retrieval check);
    2. targets: the teacher's normalised mean-pooled embedding of each text (e5 "query: "
       recipe), projected on the top `dims` right singular vectors of all targets;
    3. start: the distilled table mapped by the least-squares linear map from its pooled
       embeddings to the targets (so untouched pieces stay consistent with tuned ones);
    4. fit: cosine loss of the mean of the first `max_tokens` content pieces against the
       target, plus an L2 pull towards the start on the rows a batch touches (rare pieces seen
       in a handful of texts must not drift far); sparse Adam, seeded, CPU.

The tuned rows keep their magnitudes: a piece's norm is its learned weight in the mean, as
the SIF weight was before.
"""

from __future__ import annotations

import csv
import json
import random
import re
import time
from pathlib import Path

import numpy as np

csv.field_size_limit(1 << 24)
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def _chunks(text: str, max_chars: int) -> list[str]:
    """Sentences of `text`, greedily joined up to max_chars (a long sentence is cut)."""
    out: list[str] = []
    cur = ""
    for s in SENTENCE_END.split(text):
        s = s.strip()
        if not s:
            continue
        if cur and len(cur) + 1 + len(s) > max_chars:
            out.append(cur)
            cur = ""
        cur = f"{cur} {s}".strip() if cur else s[:max_chars]
    if cur:
        out.append(cur)
    return out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def xquad_split(data_dir: Path, langs: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(tuning texts per language: paragraphs as chunks and questions of the first half of the
    articles; held-out questions per language: those of the second half)."""
    tune: dict[str, list[str]] = {}
    held: dict[str, list[str]] = {}
    for lang in langs:
        doc = json.loads((data_dir / "xquad" / f"xquad.{lang}.json").read_text(encoding="utf-8"))
        arts = doc["data"]
        half = len(arts) // 2
        t: list[str] = []
        for art in arts[:half]:
            for p in art["paragraphs"]:
                t += _chunks(p["context"], 300)
                t += [qa["question"] for qa in p["qas"]]
        tune[lang] = t
        held[lang] = [qa["question"] for art in arts[half:] for p in art["paragraphs"] for qa in p["qas"]]
    return tune, held


def corpus(data_dir: Path, langs: list[str], per_source: int, seed: int) -> list[str]:
    """General unlabelled texts, at most `per_source` per source (XQuAD: per language)."""
    rng = random.Random(seed)
    sources: dict[str, list[str]] = {}
    d = data_dir
    sources["wikipedia"] = _chunks((d / "wikipedia-articles-sample" / "wiki_demo.txt").read_text(encoding="utf-8"), 300)
    sources["c4"] = [c for r in _jsonl(d / "c4-sample" / "c4_demo.jsonl") for c in _chunks(r["text"], 300)]
    sources["nq-open"] = [r["question"] for r in _jsonl(d / "nq-open" / "NQ-open.dev.jsonl")]
    mmlu: list[str] = []
    for path in sorted((d / "mmlu" / "test").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            mmlu += [row["question"][:300] for row in csv.DictReader(f)]
    sources["mmlu"] = mmlu
    clinc = json.loads((d / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    sources["clinc150"] = [t for t, _ in clinc["train"]]
    with (d / "banking77" / "train.csv").open(encoding="utf-8") as f:
        sources["banking77"] = [row["text"] for row in csv.DictReader(f)]
    sources["gsm8k"] = [r["question"][:300] for r in _jsonl(d / "gsm8k" / "train.jsonl")]
    sources["tldr"] = [c for r in _jsonl(d / "tldr-pages" / "tldr_pages_en.jsonl") for c in _chunks(r["markdown"], 300)]
    with (d / "awesome-chatgpt-prompts" / "prompts_full.csv").open(encoding="utf-8") as f:
        sources["awesome-prompts"] = [c for row in csv.DictReader(f) for c in _chunks(row["prompt"], 300)]
    zh = json.loads((d / "awesome-chatgpt-prompts-zh" / "prompts-zh.json").read_text(encoding="utf-8"))
    sources["awesome-prompts-zh"] = [c for r in zh for c in _chunks(r["prompt"], 300)]
    bi: list[str] = []
    for name in ["self_instruct_seed_tasks.jsonl", "self_instruct_user_oriented_instructions.jsonl"]:
        bi += [r["instruction"][:300] for r in _jsonl(d / "benign-instructions" / name)]
    sources["benign-instructions"] = bi
    rp = json.loads((d / "gpteacher-roleplay" / "roleplay-simple-deduped-roleplay-instruct.json").read_text(encoding="utf-8"))
    sources["gpteacher"] = [r["instruction"][:300] for r in rp] + [c for r in rp for c in _chunks(r["response"], 300)]
    sources["hh-helpful"] = [r["prompt"][:300] for r in _jsonl(d / "hh-rlhf-helpful-test" / "first_human_turns.jsonl")]
    tune, _ = xquad_split(data_dir, langs)
    for lang, texts in tune.items():
        sources[f"xquad-{lang}"] = texts
    out: list[str] = []
    for name in sorted(sources):
        texts = [t for t in dict.fromkeys(sources[name]) if len(t) >= 12]
        rng.shuffle(texts)
        out += texts[:per_source]
    rng.shuffle(out)
    return out


def tune_table(table: np.ndarray, no_vector: set[int], tokenizer, texts: list[str], targets: np.ndarray,
               max_tokens: int, epochs: int, lr: float, pull: float, seed: int, log=print) -> np.ndarray:
    """The tuned copy of `table` (vocab x dims, float32). `targets`: the teacher's normalised
    embeddings of `texts` (n x teacher dims)."""
    import torch

    dims = table.shape[1]
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    skip = np.zeros(len(table), bool)
    skip[list(no_vector)] = True
    ids: list[np.ndarray] = []
    for enc in tokenizer.encode_batch(texts, add_special_tokens=False):
        a = np.array(enc.ids, np.int64)
        ids.append(a[~skip[a]][:max_tokens])
    keep = [k for k, a in enumerate(ids) if len(a) > 0]
    ids = [ids[k] for k in keep]
    targets = targets[keep]
    # Uncentred projection of the targets onto `dims` directions (the pooled static vector is not
    # centred either; a linear head absorbs a common component).
    _, _, vt = np.linalg.svd(targets, full_matrices=False)
    y = targets @ vt[:dims].T
    y /= np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)
    pooled = np.stack([table[a].mean(axis=0) for a in ids])
    a_map, *_ = np.linalg.lstsq(pooled, y, rcond=None)
    start = (table @ a_map).astype(np.float32)
    start[skip] = 0.0

    emb = torch.nn.Embedding(len(table), dims, sparse=True)
    with torch.no_grad():
        emb.weight.copy_(torch.from_numpy(start))
    anchor = torch.from_numpy(start)
    opt = torch.optim.SparseAdam(emb.parameters(), lr=lr)
    y_t = torch.from_numpy(y.astype(np.float32))
    n = len(ids)
    batch = 128

    def cosine_all() -> float:
        with torch.no_grad():
            w = emb.weight
            v = torch.stack([w[torch.from_numpy(a)].mean(0) for a in ids[:4000]])
            return float(torch.nn.functional.cosine_similarity(v, y_t[:4000]).mean())

    log(f"tune: {n} texts, start cosine {cosine_all():.4f}")
    for epoch in range(epochs):
        t0 = time.time()
        order = rng.permutation(n)
        total = 0.0
        for k in range(0, n, batch):
            idx = order[k : k + batch]
            flat = torch.from_numpy(np.concatenate([ids[i] for i in idx]))
            offsets = torch.from_numpy(np.cumsum([0] + [len(ids[i]) for i in idx[:-1]]))
            seg = torch.repeat_interleave(torch.arange(len(idx)), torch.tensor([len(ids[i]) for i in idx]))
            vecs = emb(flat)
            sums = torch.zeros(len(idx), dims).index_add_(0, seg, vecs)
            counts = torch.tensor([len(ids[i]) for i in idx], dtype=torch.float32)[:, None]
            mean = sums / counts
            loss = (1 - torch.nn.functional.cosine_similarity(mean, y_t[idx])).mean()
            uniq = torch.unique(flat)
            drift = emb(uniq) - anchor[uniq]
            loss = loss + pull * (drift * drift).sum(1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
            del offsets
        log(f"tune: epoch {epoch + 1}/{epochs} loss {total / n:.4f} cosine {cosine_all():.4f} ({time.time() - t0:.0f} s)")
    tuned = emb.weight.detach().numpy().astype(np.float32)
    tuned[skip] = 0.0
    return tuned
