"""Quality checks for a distilled table, on shared datasets (read in place, never copied).

* cross-lingual retrieval: XQuAD's 1,190 questions exist in 12 languages; for each language,
  the share of its questions whose nearest English question (cosine) is their own translation;
* agreement with the teacher: Spearman correlation between teacher cosines and static cosines
  over random pairs of texts drawn from several English and multilingual sets.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np

XQUAD_LANGS = ["ar", "de", "el", "es", "hi", "ro", "ru", "th", "tr", "vi", "zh"]


def xquad_questions(data_dir: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in ["en", *XQUAD_LANGS]:
        doc = json.loads((data_dir / "xquad" / f"xquad.{lang}.json").read_text(encoding="utf-8"))
        out[lang] = [qa["question"] for art in doc["data"] for p in art["paragraphs"] for qa in p["qas"]]
    return out


def mixed_texts(data_dir: Path, n: int, seed: int) -> list[str]:
    """Short texts from a few benign, harmful and multilingual sets."""
    texts: list[str] = []
    with (data_dir / "advbench" / "harmful_behaviors.csv").open(encoding="utf-8") as f:
        texts += [row["goal"] for row in csv.DictReader(f)]
    clinc = json.loads((data_dir / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    texts += [t for t, _ in clinc["test"][:1500]]
    for line in (data_dir / "nq-open" / "NQ-open.dev.jsonl").read_text(encoding="utf-8").splitlines()[:1500]:
        texts.append(json.loads(line)["question"])
    for lang_dir in sorted((data_dir / "xsafety").iterdir()):
        if not lang_dir.is_dir():
            continue
        for path in sorted(lang_dir.glob("*.csv"))[:3]:
            with path.open(encoding="utf-8-sig") as f:
                texts += [row[0] for row in csv.reader(f) if row and row[0].strip()][:60]
    rng = random.Random(seed)
    rng.shuffle(texts)
    return texts[:n]


def retrieval_accuracy(embed, questions: dict[str, list[str]]) -> dict[str, float]:
    en = embed(questions["en"])
    scores: dict[str, float] = {}
    for lang in XQUAD_LANGS:
        other = embed(questions[lang])
        sims = other @ en.T
        scores[lang] = float(np.mean(np.argmax(sims, axis=1) == np.arange(len(en))))
    scores["mean"] = float(np.mean([scores[k] for k in XQUAD_LANGS]))
    return scores


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = np.argsort(np.argsort(a)).astype(np.float64)
    rb = np.argsort(np.argsort(b)).astype(np.float64)
    return float(np.corrcoef(ra, rb)[0, 1])


def teacher_agreement(static_vecs: np.ndarray, teacher_vecs: np.ndarray, pairs: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(static_vecs), pairs)
    j = rng.integers(0, len(static_vecs), pairs)
    keep = i != j
    s = np.sum(static_vecs[i[keep]] * static_vecs[j[keep]], axis=1)
    t = np.sum(teacher_vecs[i[keep]] * teacher_vecs[j[keep]], axis=1)
    return spearman(s, t)


def cached(embed, folder: Path):
    """Memoise an embedding function on disk, keyed by the texts' hash (teacher passes are slow)."""
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)

    def wrapped(texts: list[str]) -> np.ndarray:
        key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
        path = folder / f"{key}.npy"
        if path.exists():
            return np.load(path)
        vecs = embed(texts)
        np.save(path, vecs)
        return vecs

    return wrapped


def teacher_embedder(model_dir: Path, prefix: str = "query: "):
    """Mean-pooled, normalised teacher embeddings (the e5 recipe), batched on CPU."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()

    def embed(texts: list[str]) -> np.ndarray:
        out = []
        order = np.argsort([len(t) for t in texts])
        with torch.inference_mode():
            for k in range(0, len(texts), 64):
                batch = [prefix + texts[i] for i in order[k : k + 64]]
                enc = tok(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
                h = model(**enc).last_hidden_state
                m = enc["attention_mask"].unsqueeze(-1).float()
                v = (h * m).sum(1) / m.sum(1)
                out.append(torch.nn.functional.normalize(v, dim=-1).numpy())
        vecs = np.concatenate(out)
        result = np.empty_like(vecs)
        result[order] = vecs
        return result

    return embed
