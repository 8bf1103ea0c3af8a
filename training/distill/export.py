"""Writers for the committed files read by src/classifiers/embeddings/weights-format.ts.

tokenizer.bin.gz (gzip of):  b"GSTK" | u32 version=1 | u32 header bytes | header JSON (UTF-8,
  space-padded so that the scores start at a multiple of 8) | float64 score per piece | pieces, UTF-8, "\\n"-joined.
  The header holds vocabSize, unkId, specialTokens [{content, id}] and normalizerRules
  [[key, replacement]].
vectors.bin:  b"GSEV" | u32 version=1 | u32 rows | u32 dims | u32 vocabSize | float32 scale per
  row | float16 weight per token | uint16 row per token (65535: none) | int8 rows x dims,
  row-major. Token t's vector is weight[t] * scale[row[t]] * int8 values of row[t].
All integers little-endian. gzip is written with mtime 0 so that reruns are byte-identical.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import struct

import numpy as np


def precompiled_rules(charsmap_b64: str) -> list[tuple[str, str]]:
    """Decode SentencePiece's precompiled charsmap (a darts-clone double-array trie + string
    pool) into (key, replacement) pairs, keeping only keys that can ever be used: HF applies
    the SHORTEST key prefixing a grapheme (< 6 UTF-8 bytes) or a single code point, so a key
    with a shorter key as prefix, or a multi-character key of 6+ bytes, never applies."""
    raw = base64.b64decode(charsmap_b64)
    trie_bytes = struct.unpack_from("<I", raw, 0)[0]
    units = struct.unpack_from(f"<{trie_bytes // 4}I", raw, 4)
    pool = raw[4 + trie_bytes :]

    def offset(u: int) -> int:
        return (u >> 10) << ((u & (1 << 9)) >> 6)

    found: dict[bytes, bytes] = {}
    stack = [(offset(units[0]), b"")]
    while stack:
        pos, key = stack.pop()
        for c in range(1, 256):
            p = pos ^ c
            if p >= len(units) or (units[p] & ((1 << 31) | 0xFF)) != c:
                continue
            nxt = p ^ offset(units[p])
            k = key + bytes([c])
            if (units[p] >> 8) & 1:
                v = units[nxt] & 0x7FFFFFFF
                found[k] = pool[v : pool.index(b"\0", v)]
            stack.append((nxt, k))
    keys = {k.decode("utf-8"): v.decode("utf-8") for k, v in found.items()}
    rules = []
    for key, value in keys.items():
        if len(key) > 1 and len(key.encode("utf-8")) >= 6:
            continue
        if any(key[:i] in keys for i in range(1, len(key))):
            continue
        rules.append((key, value))
    rules.sort()
    return rules


def write_tokenizer_file(path, tokenizer_json: dict) -> dict:
    model = tokenizer_json["model"]
    assert model["type"] == "Unigram"
    pieces = [p for p, _ in model["vocab"]]
    scores = np.array([s for _, s in model["vocab"]], dtype="<f8")
    assert all("\n" not in p for p in pieces) and len(set(pieces)) == len(pieces)
    normalizers = tokenizer_json["normalizer"]["normalizers"]
    assert normalizers[0]["type"] == "Precompiled" and normalizers[1]["type"] == "Replace"
    header = {
        "vocabSize": len(pieces),
        "unkId": model["unk_id"],
        "specialTokens": [
            {"content": t["content"], "id": t["id"]} for t in tokenizer_json["added_tokens"] if t["special"]
        ],
        "normalizerRules": precompiled_rules(normalizers[0]["precompiled_charsmap"]),
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head += b" " * (-(12 + len(head)) % 8)
    body = io.BytesIO()
    body.write(b"GSTK" + struct.pack("<II", 1, len(head)) + head)
    body.write(scores.tobytes())
    body.write("\n".join(pieces).encode("utf-8"))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(body.getvalue())
    return header


NO_ROW = 0xFFFF


def quantize_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per row: scale = max |value| / 127."""
    scale = np.abs(x).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(x / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def write_vectors_file(path, q: np.ndarray, scales: np.ndarray, token_weight: np.ndarray,
                       token_row: np.ndarray) -> None:
    rows, dims = q.shape
    assert rows < NO_ROW and len(token_weight) == len(token_row)
    with open(path, "wb") as f:
        f.write(b"GSEV" + struct.pack("<IIII", 1, rows, dims, len(token_row)))
        f.write(scales.astype("<f4").tobytes())
        f.write(token_weight.astype("<f2").tobytes())
        f.write(token_row.astype("<u2").tobytes())
        f.write(q.astype(np.int8).tobytes())
