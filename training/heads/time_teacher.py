"""How long the teacher (the optional encoder tier's model) takes per text on this machine's CPU, one thread.

Exploratory timing for feature-choices.md ("The teacher beside the fast features"); PyTorch eager, so an
ONNX runtime would be somewhat faster. Needs an export folder (export-features.js) and the teacher folder
that training/distill/teacher.py builds::

    /tmp/guardstack-distill-venv/bin/python training/heads/time_teacher.py /tmp/heads/injection /tmp/distill-cache/teacher
"""

import json
import sys
import time

import torch
from transformers import AutoModel, AutoTokenizer

torch.set_num_threads(1)
export, folder = sys.argv[1], sys.argv[2]
tok = AutoTokenizer.from_pretrained(folder)
model = AutoModel.from_pretrained(folder).eval()
rows = [json.loads(line) for line in open(f"{export}/examples.jsonl").read().split("\n")[:3000] if line]
texts = [r["text"] for r in rows]
short = [t[:200] for t in texts if len(t) >= 200][:200]
long_ = [(t * 20)[:2048] for t in texts][:100]
for name, batch in (("200 chars", short), ("2 KB (first 128 tokens)", long_)):
    ts = []
    with torch.inference_mode():
        for t in batch[:10]:
            model(**tok(["query: " + t], truncation=True, max_length=128, return_tensors="pt"))
        for t in batch:
            t0 = time.perf_counter()
            model(**tok(["query: " + t], truncation=True, max_length=128, return_tensors="pt"))
            ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    print(f"{name}: median {ts[len(ts) // 2]:.1f} ms, p99 {ts[int(0.99 * len(ts)) - 1]:.1f} ms over {len(ts)} texts")
