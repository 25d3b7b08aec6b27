"""Writes .npz files the way NumPy does, for tests/unit/npz.test.ts, and checks files our writer made.

Usage: npz_fixture.py write OUTDIR   → OUTDIR/plain.npz (np.savez), OUTDIR/compressed.npz (np.savez_compressed),
                                        OUTDIR/expected.json (the arrays' shapes and values, the _meta text)
       npz_fixture.py read FILE      → prints JSON {name: {shape, dtype, values}} as np.load sees FILE
"""
import json
import sys

import numpy as np

META = json.dumps({"imageSize": 16, "classes": ["Faces_easy", "Motorbikes", "écrit ✓ 𝄞"]}, ensure_ascii=False)


def write(out):
    rng = np.random.default_rng(7)
    arrays = {"conv1.weight": rng.standard_normal((4, 3, 3, 3)).astype(np.float32),
              "conv1.bias": rng.standard_normal(4).astype(np.float32),
              "scalar": np.float32(2.5)}
    np.savez(f"{out}/plain.npz", _meta=META, **arrays)
    np.savez_compressed(f"{out}/compressed.npz", _meta=META, **arrays)
    with open(f"{out}/expected.json", "w", encoding="utf-8") as f:
        json.dump({"meta": META, "arrays": {k: {"shape": list(v.shape), "values": v.ravel().tolist()} for k, v in arrays.items()}}, f)


def read(path):
    with np.load(path) as npz:  # no allow_pickle: every entry must load without pickle
        print(json.dumps({k: {"shape": list(v.shape), "dtype": v.dtype.str, "values": v.ravel().tolist() if v.dtype.kind == "f" else str(v)}
                          for k, v in npz.items()}))


if __name__ == "__main__":
    {"write": write, "read": read}[sys.argv[1]](sys.argv[2])
