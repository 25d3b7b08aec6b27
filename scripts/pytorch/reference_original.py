"""The original recipe in PyTorch, for like-for-like runs against `npm run train:full`.

Starts from ../shared/reference/train_ref.py (the script behind the shared PyTorch reference) and
keeps its model, transform, loss, optimiser and loop line for line. What differs, and why:
- the split is the shared one (src/data/splits/chapters.json, the chapters' split), not a
  `random_split` after `torch.manual_seed(seed)`: a seed varies initial weights, batch order and
  augmentation draws, never the split — as in our engine;
- one seed per call (`--seed`), written as one run record (scripts/pytorch/records.py);
- precision is chosen: `--tf32 off` (default) switches TF32 off for cuDNN and matmuls, so every
  product is fp32 like our WebGPU engine; `--tf32 default` keeps PyTorch's defaults (cuDNN may use
  TF32), as train_ref.py ran;
- data loading is an option (`--workers`, train_ref.py used 15 persistent workers);
- for rehearsals at reduced size: `--classes N --per-class N --size S --epochs N --batch N`
  select images exactly as train:full does (the first N classes; per class the first N training
  and ceil(N/4) validation images in split order) and scale Resize/CenterCrop as
  src/lib/transforms/sizes.ts does. The defaults are the original's: 101 classes, all images,
  224 × 224, 10 epochs, batch 64.

Usage: python3 scripts/pytorch/reference_original.py --seed 0 --out $OUT/pytorch-original-fp32-s0.json
(CALTECH101_DIR: the folder holding 101_ObjectCategories/)
"""
import argparse
import hashlib
import json
import math
import os
import sys
import tempfile
import time

import torch as tc
import torch.nn as nn
import torch.nn.functional as F
import torchvision as tv

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import records  # noqa: E402

CROP_SIZES = (16, 32, 64, 128, 224)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="The original recipe in PyTorch, one seed, one run record.")
    p.add_argument("--seed", type=records.seed_argument, default=0, help="an integer in 0…4294967295")
    p.add_argument("--split", default=records.SPLIT_FILE, help="split file (scripts/export_split.py)")
    p.add_argument("--tf32", choices=("off", "default"), default="off", help="off: fp32 everywhere; default: PyTorch's defaults (cuDNN may use TF32)")
    p.add_argument("--workers", type=int, default=0, help="DataLoader worker processes (train_ref.py: 15)")
    p.add_argument("--device", default="cuda" if tc.cuda.is_available() else "cpu")
    p.add_argument("--classes", type=int, default=101)
    p.add_argument("--per-class", default="all")
    p.add_argument("--size", type=int, default=224, choices=CROP_SIZES)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--name", default=None)
    p.add_argument("--out", required=True)
    p.add_argument("--concurrent", action="store_true", help="other runs share the device: the record says its seconds are not comparable")
    a = p.parse_args(argv)
    if not 2 <= a.classes <= 101:
        p.error(f"invalid --classes {a.classes} (choose 2 … 101)")
    if a.per_class != "all" and not (a.per_class.isdigit() and int(a.per_class) > 0):
        p.error(f"invalid --per-class {a.per_class} (a whole number or all)")
    a.per_class = a.per_class if a.per_class == "all" else int(a.per_class)
    return a


def make_transform(size):
    """train_ref.py's transform, with Resize/CenterCrop scaled for reduced sizes (224: unchanged)."""
    resize = round(size * 256 / 224)
    return tv.transforms.Compose([
        tv.transforms.Lambda(lambda x: x.convert("RGB") if x.mode == 'L' else x),
        tv.transforms.Resize((resize, resize)),
        tv.transforms.RandomApply([tv.transforms.RandomHorizontalFlip(), tv.transforms.RandomHorizontalFlip(),
            tv.transforms.RandomRotation(10), tv.transforms.RandomRotation(10), tv.transforms.RandomRotation(10)], p=1),
        tv.transforms.CenterCrop(size), tv.transforms.ToTensor(), tv.transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])


class SimpleCNN(nn.Module):
    """train_ref.py's model; fc1 and fc2 sized for the input size and class count (224, 101: unchanged)."""

    def __init__(self, size=224, classes=101):
        super().__init__()
        self.flat = 64 * (size // 4) * (size // 4)
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, stride=1, padding=1); self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, stride=1, padding=1)
        self.fc1 = nn.Linear(self.flat, 512); self.fc2 = nn.Linear(512, classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x))); x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, self.flat); x = F.relu(self.fc1(x)); return self.fc2(x)


def select(positions, labels, classes, per_class):
    """train:full's selection: labels < classes, at most per_class per class, in split order."""
    counts = {}
    kept = []
    for p in positions:
        label = labels[p]
        if label >= classes:
            continue
        n = counts.get(label, 0)
        if per_class != "all" and n >= per_class:
            continue
        counts[label] = n + 1
        kept.append(p)
    return kept


def open_dataset():
    folder = os.environ.get("CALTECH101_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "caltech101"))
    cats = os.path.abspath(os.path.join(folder, "101_ObjectCategories"))
    if not os.path.isdir(cats):
        sys.exit(f"reference_original: {cats} not found (set CALTECH101_DIR to the folder that holds 101_ObjectCategories/)")
    root = tempfile.mkdtemp(prefix="ref-")
    os.makedirs(os.path.join(root, "caltech101"))
    os.symlink(cats, os.path.join(root, "caltech101", "101_ObjectCategories"))
    return tv.datasets.Caltech101(root=root, download=False), cats


def main(argv=None):
    a = parse_args(argv)
    if a.tf32 == "off":
        tc.backends.cudnn.allow_tf32 = False
        tc.backends.cuda.matmul.allow_tf32 = False
    device = tc.device(a.device)
    data, cats = open_dataset()
    paths = records.dataset_paths(data)
    with open(a.split, "rb") as f:
        raw = f.read()
    split = json.loads(raw)
    if split["n"] != len(data) or split["order"] != hashlib.sha256("\n".join(paths).encode()).hexdigest():
        sys.exit(f"reference_original: {a.split} was made for another data set or order (export it again: scripts/export_split.py)")
    labels = list(data.y)
    train_pos = select(split["train"], labels, a.classes, a.per_class)
    val_pos = select(split["val"], labels, a.classes, "all" if a.per_class == "all" else max(1, math.ceil(a.per_class / 4)))
    # as in train_ref.py: one transform on the whole data set (validation images augmented too)
    data.transform = make_transform(a.size)

    tc.manual_seed(a.seed)
    train_ds, val_ds = tc.utils.data.Subset(data, train_pos), tc.utils.data.Subset(data, val_pos)
    persistent = a.workers > 0
    tl = tc.utils.data.DataLoader(train_ds, batch_size=a.batch, shuffle=True, num_workers=a.workers, persistent_workers=persistent)
    vl = tc.utils.data.DataLoader(val_ds, batch_size=a.batch, shuffle=False, num_workers=a.workers, persistent_workers=persistent)
    model = SimpleCNN(a.size, a.classes).to(device); lf = nn.CrossEntropyLoss(); opt = tc.optim.Adam(model.parameters(), lr=0.001)
    started = records.now()
    print(f"reference_original: seed {a.seed}, {len(train_pos)} + {len(val_pos)} images, {a.classes} classes, {a.size} × {a.size}, "
          f"TF32 {a.tf32}, {a.workers} workers, on {device}", flush=True)
    ep = []
    for e in range(a.epochs):
        t0 = time.time(); model.train(); c = s = 0; tot = 0.0
        for x, y in tl:
            x, y = x.to(device), y.to(device); o = model(x); l = lf(o, y)
            opt.zero_grad(); l.backward(); opt.step()
            c += (o.argmax(1) == y).sum().item(); s += y.size(0); tot += l.item() * y.size(0)
        train = (c / s, l.item(), tot / s)
        model.eval(); c = s = 0; tot = 0.0
        with tc.no_grad():
            for x, y in vl:
                x, y = x.to(device), y.to(device); o = model(x); l = lf(o, y)
                c += (o.argmax(1) == y).sum().item(); s += y.size(0); tot += l.item() * y.size(0)
        if device.type == "cuda":
            tc.cuda.synchronize()
        rec = records.epoch_metrics(e + 1, train[2], train[0], tot / s, c / s, round(time.time() - t0, 2), train_last=train[1], val_last=l.item())
        ep.append(rec); print(a.seed, json.dumps(rec), flush=True)

    config = {
        "classes": a.classes, "perClass": a.per_class, "cropSize": a.size, "epochs": a.epochs, "batchSize": a.batch,
        "learningRate": 0.001, "recipe": "original", "seed": a.seed, "trainFraction": 0.8,
        "split": f"{split['name']}:{hashlib.sha256(raw).hexdigest()}",
    }
    with open(os.path.abspath(__file__), encoding="utf-8") as f:
        code = records.sha256_text(f.read())
    provenance = records.torch_provenance(tc, device, a.workers, persistent, a.concurrent, f"scripts/pytorch/reference_original.py --tf32 {a.tf32}", requested_tf32=a.tf32)
    name = a.name or f"pytorch-original-{provenance['precision']['mode']}-s{a.seed}"
    record = records.make_record(
        name, config, {"train": len(train_pos), "val": len(val_pos)}, ep, provenance,
        records.data_hash(cats, paths), code, started, device.type, provenance["device"],
    )
    records.write_record(record, a.out)


if __name__ == "__main__":
    main()
