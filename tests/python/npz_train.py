"""A small model that tells classes apart, for the model loader's end-to-end test: the chapters' own SimpleCNN
(npz_model.chapters_simplecnn) trained briefly on the given training images of the chapters' split, then written
the way the chapter says (np.savez of the state_dict + _meta). A freshly initialised model predicts one class for
every image, which would make comparing the page's verdicts with PyTorch's meaningless.

Usage: npz_train.py FILE SIZE CLASSES FOLDER SOURCE...   (FOLDER: 101_ObjectCategories/, SOURCE: 'class/file.jpg')
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from npz_model import chapters_simplecnn  # noqa: E402


def main(path, size, classes, folder, sources):
    torch.manual_seed(0)
    resize = round(size * 256 / 224)  # the site's Resize for crop size s (src/lib/transforms/sizes.ts)
    transform = T.Compose([T.Resize((resize, resize)), T.CenterCrop(size), T.ToTensor(), T.Normalize([0.5] * 3, [0.5] * 3)])
    x = torch.stack([transform(Image.open(os.path.join(folder, s)).convert("RGB")) for s in sources])
    y = torch.tensor([classes.index(s.split("/")[0]) for s in sources])
    model = chapters_simplecnn(size, len(classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(15):
        for batch in torch.randperm(len(y)).split(16):
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
    meta = {"imageSize": size, "classes": classes, "epochs": 15, "tool": "PyTorch (tests/python/npz_train.py)"}
    np.savez(path, _meta=json.dumps(meta), **{k: v.cpu().numpy() for k, v in model.state_dict().items()})


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4], sys.argv[5:])
