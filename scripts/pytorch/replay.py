"""The replay harness: PyTorch trained with our engine's random draws, one component at a time.

scripts/export-draws.ts writes what our engine draws for one run (the images, the initial weights,
per epoch the batch order and every image's flips and angles); this script trains SimpleCNN in
PyTorch on exactly those draws — or, per component, on PyTorch's own:

  --own order          batches from torch's RandomSampler instead of our permutation
  --own weights        PyTorch's default initialisation after torch.manual_seed(seed)
  --own augmentation   torchvision's random transforms (train_ref.py's chain) instead of our angles
  (repeatable; none = all of ours, which must reproduce our engine's numbers up to fp32 rounding)

The images themselves go through torchvision as in the chapters: Pillow decode, RGB, Resize,
the flips and rotations (RandomRotation's nearest-neighbour rotate, fill 0), CenterCrop,
ToTensor, Normalize(0.5, 0.5). Runs on the CPU at reduced size (export-draws' defaults take
seconds), on a GPU when there is one (--device). With the draws' `ours` metrics (export-draws
--train) it prints both side by side and the largest differences.

Usage: python3 scripts/pytorch/replay.py --draws draws.json [--own order --own weights …] [--out result.json]
"""
import argparse
import base64
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torchvision.transforms as T
import torchvision.transforms.functional as TF
from torchvision.transforms import InterpolationMode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_original  # noqa: E402  (SimpleCNN, the dataset, train_ref.py's chain)
import records  # noqa: E402  (check_seed)

COMPONENTS = ("order", "weights", "augmentation")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="PyTorch fed our engine's random draws.")
    p.add_argument("--draws", required=True, help="output of scripts/export-draws.ts")
    p.add_argument("--own", action="append", default=[], choices=COMPONENTS, help="use PyTorch's own draws for this component")
    p.add_argument("--device", default="cpu")
    p.add_argument("--out", help="write the per-epoch metrics (and the comparison) as JSON")
    return p.parse_args(argv)


def load_weights(model, weights):
    """Our initial weights (already in PyTorch's layout) into the model."""
    state = {}
    for name, w in weights.items():
        data = torch.frombuffer(bytearray(base64.b64decode(w["data"])), dtype=torch.float32)
        state[name] = data.reshape(w["shape"]).clone()
    model.load_state_dict(state)


def apply_ops(img, ops):
    """Our drawn operations, as torchvision applies them (RandomHorizontalFlip, RandomRotation)."""
    for op in ops:
        if op[0] == "f":
            img = TF.hflip(img)
        else:
            img = TF.rotate(img, op[1], interpolation=InterpolationMode.NEAREST, expand=False, center=None, fill=[0.0, 0.0, 0.0])
    return img


def own_chain(recipe_part):
    """torchvision's random parts of a recipe ('original', 'train', 'val'), as the chapters / train_ref.py write them."""
    if recipe_part == "original":
        return T.RandomApply([T.RandomHorizontalFlip(), T.RandomHorizontalFlip(), T.RandomRotation(10), T.RandomRotation(10), T.RandomRotation(10)], p=1)
    if recipe_part == "train":
        return T.Compose([T.RandomHorizontalFlip(), T.RandomRotation(10)])
    return T.Compose([])


def main(argv=None):
    a = parse_args(argv)
    with open(a.draws, encoding="utf-8") as f:
        d = json.load(f)
    cfg = d["config"]
    own = set(a.own)
    recipe = {"original": ("original", "original"), "corrected": ("train", "val")}[cfg["recipe"]]
    device = torch.device(a.device)
    torch.manual_seed(records.check_seed(cfg["seed"], f"seed in {a.draws}"))

    data, _ = reference_original.open_dataset()
    size, crop = round(cfg["cropSize"] * 256 / 224), cfg["cropSize"]
    resize = T.Compose([T.Lambda(lambda x: x.convert("RGB") if x.mode == "L" else x), T.Resize((size, size))])
    tail = T.Compose([T.CenterCrop(crop), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    cache = {}

    def image(position, ops, part):
        if position not in cache:
            cache[position] = resize(data[position][0])
        img = own_chain(part)(cache[position]) if "augmentation" in own else apply_ops(cache[position], ops)
        return tail(img)

    train_pos, val_pos = d["train"], d["val"]
    train_y = torch.tensor(d["labels"]["train"])
    val_y = torch.tensor(d["labels"]["val"])
    for p, y in zip(train_pos + val_pos, d["labels"]["train"] + d["labels"]["val"]):
        if data.y[p] != y:
            sys.exit(f"replay: image {p} has label {data.y[p]} here but {y} in the draws (another data set?)")

    model = reference_original.SimpleCNN(crop, cfg["classes"])
    if "weights" not in own:
        load_weights(model, d["weights"])
    model.to(device)
    loss_fn = nn.CrossEntropyLoss(reduction="sum")
    opt = torch.optim.Adam(model.parameters(), lr=cfg["learningRate"])
    n, bs = len(train_pos), cfg["batchSize"]
    epochs = []
    print(f"replay: {n} + {len(val_pos)} images, {cfg['cropSize']} px, recipe {cfg['recipe']}, seed {cfg['seed']}; "
          f"ours: {', '.join(c for c in COMPONENTS if c not in own) or 'none'}; PyTorch's own: {', '.join(sorted(own)) or 'none'}", flush=True)
    for e, drawn in enumerate(d["epochs"][: cfg["epochs"]]):
        t0 = time.time()
        order = list(torch.utils.data.RandomSampler(range(n))) if "order" in own else drawn["order"]
        model.train()
        total = correct = 0.0
        for b in range(0, n, bs):
            idx = order[b:b + bs]
            # our loop draws each image's operations in batch order: the k-th draw belongs to position k of the order
            x = torch.stack([image(train_pos[i], drawn["trainOps"][b + j], recipe[0]) for j, i in enumerate(idx)]).to(device)
            y = train_y[idx].to(device)
            logits = model(x)
            loss_sum = loss_fn(logits, y)
            opt.zero_grad()
            (loss_sum / len(idx)).backward()
            opt.step()
            total += loss_sum.item()
            correct += (logits.argmax(1) == y).sum().item()
            last = loss_sum.item() / len(idx)
        train = (total / n, last, correct / n)
        model.eval()
        total = correct = 0.0
        with torch.no_grad():
            for b in range(0, len(val_pos), bs):
                x = torch.stack([image(val_pos[i], drawn["valOps"][i], recipe[1]) for i in range(b, min(b + bs, len(val_pos)))]).to(device)
                y = val_y[b:b + bs].to(device)
                logits = model(x)
                loss_sum = loss_fn(logits, y)
                total += loss_sum.item()
                correct += (logits.argmax(1) == y).sum().item()
                vlast = loss_sum.item() / len(y)
        epochs.append({"epoch": e + 1, "trainLoss": train[0], "trainLossLastBatch": train[1], "trainAccuracy": train[2],
                       "valLoss": total / len(val_pos), "valLossLastBatch": vlast, "valAccuracy": correct / len(val_pos),
                       "seconds": time.time() - t0})
        print(f"replay: epoch {e + 1}: " + ", ".join(f"{k} {v:.4f}" for k, v in epochs[-1].items() if k not in ("epoch", "seconds")), flush=True)

    result = {"draws": os.path.basename(a.draws), "config": cfg, "own": sorted(own), "torch": torch.__version__, "device": str(device), "epochs": epochs}
    ours = (d.get("ours") or {}).get("epochs")
    if ours:
        keys = ("trainLoss", "trainAccuracy", "valLoss", "valAccuracy")
        diff = {k: max(abs(p[k] - o[k]) for p, o in zip(epochs, ours)) for k in keys}
        result["ours"] = ours
        result["maxDifference"] = diff
        for p, o in zip(epochs, ours):
            print(f"replay: epoch {p['epoch']}  PyTorch / ours: " + ", ".join(f"{k} {p[k]:.4f} / {o[k]:.4f}" for k in keys))
        print("replay: largest difference per metric: " + ", ".join(f"{k} {v:.2e}" for k, v in diff.items()))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
    return result


if __name__ == "__main__":
    main()
