"""Python reference of the TypeScript static embedder (src/classifiers/embeddings).

Used to evaluate the table and to write the fixtures that the TypeScript tests compare
against. The steps are the TypeScript ones:

1. tokenise with the teacher's own tokenizer (``tokenizers``), without <s>/</s> around the text;
2. drop special tokens (<s>, <pad>, </s>, <mask>, also when written literally in the text) and
   <unk>; keep the first ``max_tokens`` of the rest;
3. token t's vector is ``weight[t] * scale[row[t]] * int8 row[t]`` (a frequent token has a row
   of its own; a rare one shares a k-means centroid's row and keeps its own weight);
4. mean of the vectors, L2-normalised (all zeros when no token is left).
"""

from __future__ import annotations

import numpy as np

MAX_TOKENS = 512
NO_ROW = 0xFFFF


def token_vectors(q: np.ndarray, scales: np.ndarray, token_weight: np.ndarray, token_row: np.ndarray) -> np.ndarray:
    """Per-token float vectors of a committed table; zeros for tokens without a row."""
    rows = q.astype(np.float32) * scales[:, None]
    has_row = token_row != NO_ROW
    vectors = np.zeros((len(token_row), q.shape[1]), np.float32)
    vectors[has_row] = rows[token_row[has_row]] * token_weight[has_row, None].astype(np.float32)
    return vectors


class StaticReference:
    def __init__(self, tokenizer, vectors: np.ndarray, no_vector: set[int]) -> None:
        """`vectors`: one row per teacher token id; `no_vector`: ids that are never pooled."""
        self.tokenizer = tokenizer
        self.vectors = vectors
        self.skip = no_vector

    def content_ids(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        return [i for i in ids if i not in self.skip][:max_tokens]

    def embed(self, text: str) -> np.ndarray:
        ids = self.content_ids(text)
        if not ids:
            return np.zeros(self.vectors.shape[1], np.float32)
        v = self.vectors[ids].astype(np.float64).mean(axis=0)
        norm = np.linalg.norm(v)
        return (v / norm if norm > 0 else v).astype(np.float32)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.embed(t) for t in texts])
