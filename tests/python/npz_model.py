"""The model file (.npz + _meta) on PyTorch's side, with the chapters' own SimpleCNN class (taken from the
program notebook, as run_chapters.py takes every block — never a second copy of the class).

Usage: npz_model.py load FILE [INPUT.bin]      → JSON {meta, logits, check_logits}: the file loaded the way the
                                                  issue's line does (strict); logits on INPUT.bin (NCHW float32) if
                                                  given, and on _meta's check input
       npz_model.py write FILE SIZE CLASSES     → writes a freshly initialised model (seed 0) the way the chapter says:
                                                  np.savez(FILE, _meta=json.dumps(meta), **state_dict as numpy)
"""
import inspect
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from chapters_notebook import blocks  # noqa: E402


def chapters_simplecnn(size, num_classes):
    """The chapters' SimpleCNN built for `size`: the class block of the notebook, executed as it stands. Until
    the chapters take the size as a variable (`image_size`), their literal 224-sized fc1 (64 * 56 * 56) is
    rewritten to the size — the only change, and the run fails if that text is not there."""
    code = next(b["code"] for b in blocks() if "class SimpleCNN" in b["code"])
    namespace = {"torch": torch, "nn": nn, "F": F, "image_size": size}
    if "image_size" not in code:
        if "64 * 56 * 56" not in code:
            raise RuntimeError("the chapters' SimpleCNN names neither image_size nor 64 * 56 * 56: adapt tests/python/npz_model.py")
        code = code.replace("64 * 56 * 56", "64 * (image_size // 4) * (image_size // 4)")
    exec(code, namespace)
    cls = namespace["SimpleCNN"]
    params = inspect.signature(cls.__init__).parameters
    return cls(num_classes=num_classes, **({"image_size": size} if "image_size" in params else {}))


def check_input(size):
    """The input _meta's `check.input` names: x[0, c, h, w] = ((131 c + 31 h + 7 w) % 97) / 48.5 - 1."""
    c, h, w = np.meshgrid(np.arange(3), np.arange(size), np.arange(size), indexing="ij")
    return torch.from_numpy((((131 * c + 31 * h + 7 * w) % 97) / 48.5 - 1).astype(np.float32)[None])


def load(path, input_path=None):
    meta = json.loads(str(np.load(path)["_meta"]))
    model = chapters_simplecnn(meta["imageSize"], len(meta["classes"]))
    state = {k: torch.from_numpy(v) for k, v in np.load(path).items() if not k.startswith("_")}
    model.load_state_dict(state, strict=True)
    model.eval()
    out = {"meta": meta}
    with torch.no_grad():
        out["check_logits"] = model(check_input(meta["imageSize"]))[0].tolist()
        if input_path:
            x = torch.from_numpy(np.fromfile(input_path, dtype="<f4").reshape(1, 3, meta["imageSize"], meta["imageSize"]))
            out["logits"] = model(x)[0].tolist()
    print(json.dumps(out))


def write(path, size, classes):
    torch.manual_seed(0)
    model = chapters_simplecnn(size, len(classes))
    meta = {"imageSize": size, "classes": classes, "tool": "PyTorch (tests/python/npz_model.py)"}
    np.savez(path, _meta=json.dumps(meta), **{k: v.cpu().numpy() for k, v in model.state_dict().items()})


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        write(sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","))
