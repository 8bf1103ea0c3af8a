"""Would a stronger model than the shipped linear one carry better to unseen sources?

Reads what ``node dist/classifiers/training/export-features.js --task TASK --out DIR`` wrote (the task's
examples, capped and split as ``npm run train`` does, with the shipped featuriser's hashed n-grams and
pooled static embedding) and compares model families under the model cards' cross-source protocol:
each source held out in turn, trained on the other sources' train part, the threshold set at 1% false
positives on their validation negatives, tested on all of the held-out source.

Variants (all trained here the same way: weighted logistic loss, each class half the weight and a
source's weight within its class growing with the square root of its size; seeded):

* ``linear``          the shipped family: one linear layer over the n-grams and the static embedding;
* ``linear+mlp64``    the same plus a 64-unit ReLU layer over the static embedding (a non-linear head
                      that inference could still afford: 256 x 64 multiply-adds);
* ``emb-linear``      the static embedding alone, linear;
* ``emb-mlp128``      the static embedding alone, one 128-unit hidden layer;
* ``teacher-linear``  the teacher itself (multilingual-e5-small, a full transformer, mean-pooled
                      "query: " embedding of the first 128 tokens), linear: what the slower tier's
                      encoder would give, and a ceiling for what a static table distilled from it
                      can carry;
* ``linear+teacher``  the shipped features and the teacher's embedding in one linear layer: what a slower
                      tier that runs the encoder beside the fast features could reach.

The figures are relative: this harness trains without the shipped model's per-task settings (language
balance, embedding scale and projection), so its ``linear`` row is not the model card's.

Run from the repository root with the distillation's virtualenv (training/distill/README.md)::

    npm run build
    node dist/classifiers/training/export-features.js --task harm --out /tmp/heads/harm
    /tmp/guardstack-distill-venv/bin/python training/heads/compare_heads.py /tmp/heads/harm \\
        --variants linear,linear+mlp64,emb-linear,emb-mlp128,teacher-linear

The teacher is rebuilt by training/distill/teacher.py into ``--cache`` (the distillation's cache is
reused when it is there); its embeddings are cached next to the export.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch
from sklearn.metrics import roc_auc_score

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "distill"))

SEED = 7
TARGET_FPR = 0.01
EPOCHS = 6
BATCH = 64


class Data:
    def __init__(self, folder: Path):
        info = json.loads((folder / "info.json").read_text())
        # split on "\n" only: str.splitlines() would also split inside texts at U+2028 and other separators
        rows = [json.loads(line) for line in (folder / "examples.jsonl").read_text().split("\n") if line]
        self.folder = folder
        self.task = info["task"]
        self.n = len(rows)
        self.texts = [r["text"] for r in rows]
        self.y = np.array([r["label"] for r in rows], dtype=np.float32)
        self.source = np.array([r["source"] for r in rows])
        self.part = np.array([r["part"] for r in rows])
        self.dense = np.fromfile(folder / "dense.f32", np.float32).reshape(self.n, info["dims"])
        ptr = np.fromfile(folder / "sparse.ptr.i32", np.int32)
        idx = np.fromfile(folder / "sparse.idx.i32", np.int32)
        val = np.fromfile(folder / "sparse.val.f32", np.float32)
        self.sparse = sp.csr_matrix((val, idx, ptr), shape=(self.n, 1 << info["hashBits"]))
        self.sparse.sum_duplicates()

    def weights(self, mask: np.ndarray) -> np.ndarray:
        """Each class half the weight; within a class a source's weight grows with sqrt(its size)."""
        w = np.zeros(self.n, dtype=np.float32)
        for label in (0, 1):
            m = mask & (self.y == label)
            if not m.any():
                continue
            names, counts = np.unique(self.source[m], return_counts=True)
            for name, count in zip(names, counts):
                w[m & (self.source == name)] = np.sqrt(count) / count
            w[m] *= 0.5 / w[m].sum()
        return w * mask.sum()


def teacher_embeddings(data: Data, cache: Path) -> np.ndarray:
    target = data.folder / "teacher.npy"
    if target.exists():
        return np.load(target)
    from transformers import AutoModel, AutoTokenizer

    from teacher import build_teacher

    folder = build_teacher(cache)
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder).eval()
    texts = ["query: " + t for t in data.texts]
    order = np.argsort([len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), model.config.hidden_size), np.float32)
    t0 = time.time()
    with torch.inference_mode():
        for start in range(0, len(texts), 64):
            ids = order[start : start + 64]
            batch = tok([texts[i] for i in ids], padding=True, truncation=True, max_length=128, return_tensors="pt")
            hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
            out[ids] = pooled.numpy()
            if start % 6400 == 0:
                print(f"  teacher: {start}/{len(texts)} texts, {time.time() - t0:.0f} s", file=sys.stderr)
    np.save(target, out)
    return out


class Model(torch.nn.Module):
    """A linear layer over the sparse block (optional) and the dense block, plus an optional hidden layer."""

    def __init__(self, sparse_dims: int, dense_dims: int, hidden: int):
        super().__init__()
        self.sparse = torch.nn.Linear(sparse_dims, 1, bias=False) if sparse_dims else None
        if self.sparse is not None:
            torch.nn.init.zeros_(self.sparse.weight)
        self.dense = torch.nn.Linear(dense_dims, 1)
        torch.nn.init.zeros_(self.dense.weight)
        self.mlp = (
            torch.nn.Sequential(torch.nn.Linear(dense_dims, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))
            if hidden
            else None
        )

    def forward(self, sparse_rows, dense_rows):
        z = self.dense(dense_rows).squeeze(1)
        if self.sparse is not None:
            z = z + torch.sparse.mm(sparse_rows, self.sparse.weight.t()).squeeze(1)
        if self.mlp is not None:
            z = z + self.mlp(dense_rows).squeeze(1)
        return z


def to_torch_sparse(m: sp.csr_matrix) -> torch.Tensor:
    coo = m.tocoo()
    return torch.sparse_coo_tensor(np.vstack([coo.row, coo.col]), coo.data, coo.shape, dtype=torch.float32)


def fit_scores(data: Data, dense: np.ndarray, use_sparse: bool, hidden: int, train: np.ndarray) -> np.ndarray:
    """Trains on `train` rows and returns every example's probability."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    model = Model(data.sparse.shape[1] if use_sparse else 0, dense.shape[1], hidden)
    groups = [{"params": list(model.dense.parameters()) + (list(model.mlp.parameters()) if model.mlp else []), "lr": 0.05}]
    if model.sparse is not None:
        groups.append({"params": list(model.sparse.parameters()), "lr": 0.2})
    opt = torch.optim.Adagrad(groups)
    y = torch.tensor(data.y)
    w = torch.tensor(data.weights(train))
    d = torch.tensor(dense)
    ids = np.flatnonzero(train)
    for _ in range(EPOCHS):
        perm = rng.permutation(ids)
        for start in range(0, len(perm), BATCH):
            rows = perm[start : start + BATCH]
            opt.zero_grad()
            sparse_rows = to_torch_sparse(data.sparse[rows]) if use_sparse else None
            logits = model(sparse_rows, d[rows])
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, y[rows], reduction="none") * w[rows]).mean()
            loss.backward()
            opt.step()
    out = np.zeros(data.n)
    with torch.no_grad():
        for start in range(0, data.n, 4096):
            rows = np.arange(start, min(data.n, start + 4096))
            sparse_rows = to_torch_sparse(data.sparse[rows]) if use_sparse else None
            out[rows] = torch.sigmoid(model(sparse_rows, d[rows])).numpy()
    return out


def threshold_at_fpr(scores: np.ndarray) -> float:
    """The validation negatives' 99th percentile; a score at or above it is flagged (so about 1% of them,
    one more than the training pipeline's thresholdAtFpr lets through when that percentile is a negative)."""
    s = np.sort(scores)
    return float(s[int(np.ceil((1 - TARGET_FPR) * len(s))) - 1]) if len(s) else 0.5


def evaluate(data: Data, variant: str, dense: np.ndarray, use_sparse: bool, hidden: int):
    y, part, source = data.y, data.part, data.source
    scores = fit_scores(data, dense, use_sparse, hidden, part == "train")
    th = threshold_at_fpr(scores[(part == "val") & (y == 0)])
    test = part == "test"
    in_dist = {
        "auc": roc_auc_score(y[test], scores[test]),
        "recall": float((scores[test & (y == 1)] >= th).mean()),
        "fpr": float((scores[test & (y == 0)] >= th).mean()),
    }
    rows = []
    pooled = np.zeros(data.n)  # each example scored by the model trained without its source
    for name in np.unique(source):
        held = source == name
        s = fit_scores(data, dense, use_sparse, hidden, (~held) & (part == "train"))
        t = threshold_at_fpr(s[(~held) & (part == "val") & (y == 0)])
        pooled[held] = s[held]
        pos, neg = held & (y == 1), held & (y == 0)
        rows.append(
            {
                "source": str(name),
                "recall": float((s[pos] >= t).mean()) if pos.any() else None,
                "fpr": float((s[neg] >= t).mean()) if neg.any() else None,
            }
        )
        print(f"  {variant}: {name} held out", file=sys.stderr)
    recalls = [r["recall"] for r in rows if r["recall"] is not None]
    fprs = [r["fpr"] for r in rows if r["fpr"] is not None]
    # Threshold-free: every held-out score pooled, negatives weighted so each source counts equally.
    neg_weight = np.zeros(data.n)
    for name in np.unique(source[y == 0]):
        m = (source == name) & (y == 0)
        neg_weight[m] = 1 / m.sum()
    pos_weight = np.zeros(data.n)
    for name in np.unique(source[y == 1]):
        m = (source == name) & (y == 1)
        pos_weight[m] = 1 / m.sum()
    auc = roc_auc_score(y, pooled, sample_weight=neg_weight + pos_weight)
    negs = np.argsort(-pooled[y == 0])
    cum = np.cumsum(neg_weight[y == 0][negs]) / neg_weight.sum()
    t2 = pooled[y == 0][negs][np.searchsorted(cum, 0.02)]
    recall2 = float((pos_weight * (pooled > t2) * (y == 1)).sum() / pos_weight.sum())
    return in_dist, rows, float(np.mean(recalls)), float(np.mean(fprs)), auc, recall2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export", type=Path, help="folder written by export-features.js")
    ap.add_argument("--variants", default="linear,linear+mlp64,emb-linear,emb-mlp128,teacher-linear")
    ap.add_argument("--cache", type=Path, default=HERE.parent / "distill" / ".cache", help="teacher work folder")
    ap.add_argument("--per-source", action="store_true", help="also print each held-out source's row")
    args = ap.parse_args()
    torch.set_num_threads(2)
    data = Data(args.export)
    specs = {
        "linear": (lambda: data.dense * 2, True, 0),
        "linear+mlp64": (lambda: data.dense * 2, True, 64),
        "emb-linear": (lambda: data.dense * 2, False, 0),
        "emb-mlp128": (lambda: data.dense * 2, False, 128),
        "teacher-linear": (lambda: teacher_embeddings(data, args.cache) * 4, False, 0),
        "linear+teacher": (lambda: np.hstack([data.dense * 2, teacher_embeddings(data, args.cache) * 4]), True, 0),
    }
    results = {}
    for variant in args.variants.split(","):
        if variant not in specs:
            sys.exit(f"compare_heads: unknown variant {variant!r}; known: {', '.join(specs)}")
        make, use_sparse, hidden = specs[variant]
        t0 = time.time()
        results[variant] = evaluate(data, variant, make(), use_sparse, hidden)
        print(f"  {variant}: {time.time() - t0:.0f} s", file=sys.stderr)
    print(
        "| task | variant | AUC in-dist | recall in-dist | FPR in-dist | mean cross-source recall | mean cross-source FPR"
        " | pooled held-out AUC | pooled held-out recall at 2% FPR |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for variant, (d, _, r, f, auc, r2) in results.items():
        print(
            f"| {data.task} | {variant} | {d['auc']:.3f} | {100 * d['recall']:.1f}% | {100 * d['fpr']:.1f}%"
            f" | {100 * r:.1f}% | {100 * f:.1f}% | {auc:.3f} | {100 * r2:.1f}% |"
        )
    if args.per_source:
        names = [row["source"] for row in next(iter(results.values()))[1]]
        print()
        print("| held-out source | " + " | ".join(results) + " |")
        print("|---|" + "---:|" * len(results))
        for i, name in enumerate(names):
            cells = []
            for _, rows, *_ in results.values():
                row = rows[i]
                parts = [f"R {100 * row['recall']:.1f}%"] if row["recall"] is not None else []
                parts += [f"FPR {100 * row['fpr']:.1f}%"] if row["fpr"] is not None else []
                cells.append(", ".join(parts))
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
