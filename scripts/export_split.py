"""Exports the chapters' training/validation split as a list of indices, for both engines.

The chapters split Caltech 101 with their own generator (chapter "Training und Validierung"):

    generator = torch.Generator().manual_seed(0)
    permutation = torch.randperm(n_total, generator=generator).tolist()
    train_indices = permutation[:n_train]; val_indices = permutation[n_train:]

which is what `random_split(data, [n_train, n_val], generator=torch.Generator().manual_seed(0))`
does. This script runs exactly that on torchvision's Caltech101 and writes the two index lists
(positions in torchvision's order: classes sorted, images sorted within each class) together with
a hash of that order, so `npm run train:full -- --split FILE` (TypeScript) and the PyTorch arms
use the very same images. A run's seed never changes it.

Usage: /usr/bin/python3 scripts/export_split.py [--out src/data/splits/chapters.json]
(CALTECH101_DIR: the folder holding 101_ObjectCategories/, default ../shared/caltech101)
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SPLIT_SEED = 0
TRAIN_FRACTION = 0.8


def open_caltech101(folder):
    """torchvision's Caltech101 over `folder`/101_ObjectCategories (linked into a temporary root)."""
    import torchvision

    cats = os.path.join(folder, "101_ObjectCategories")
    if not os.path.isdir(cats):
        sys.exit(f"export_split: {cats} not found (set CALTECH101_DIR to the folder that holds 101_ObjectCategories/)")
    work = tempfile.mkdtemp(prefix="split-")
    os.makedirs(os.path.join(work, "caltech101"))
    os.symlink(os.path.abspath(cats), os.path.join(work, "caltech101", "101_ObjectCategories"))
    return torchvision.datasets.Caltech101(root=work, download=False)


def order_hash(paths):
    """SHA-256 over the data set's order: 'class/file' per image, one a line (the TypeScript index checks it)."""
    return hashlib.sha256("\n".join(paths).encode()).hexdigest()


def dataset_paths(caltech):
    """'class/file' of every image, in torchvision's order (its own naming: image_0001.jpg, …)."""
    return [f"{caltech.categories[c]}/image_{i:04d}.jpg" for c, i in zip(caltech.y, caltech.index)]


def chapters_split(n_total):
    """The chapters' code, unchanged: a permutation from a generator of its own, cut at int(0.8 n)."""
    import torch

    n_train = int(TRAIN_FRACTION * n_total)
    generator = torch.Generator().manual_seed(SPLIT_SEED)
    permutation = torch.randperm(n_total, generator=generator).tolist()
    return permutation[:n_train], permutation[n_train:]


def split_record(caltech):
    """The split file's content."""
    import torch

    paths = dataset_paths(caltech)
    train, val = chapters_split(len(caltech))
    return {
        "format": 1,
        "name": "chapters",
        "how": f"torch.randperm(n, generator=torch.Generator().manual_seed({SPLIT_SEED})), first int({TRAIN_FRACTION} n) for training",
        "torch": torch.__version__,
        "n": len(paths),
        "order": order_hash(paths),
        "train": train,
        "val": val,
    }


def write_split(record, out):
    """Writes the record with each index list on one line (small diffs, readable header)."""
    lists = {k: record[k] for k in ("train", "val")}
    head = {k: v for k, v in record.items() if k not in lists}
    text = json.dumps(head, indent=2)[:-2] + ",\n" + ",\n".join(f'  "{k}": {json.dumps(v)}' for k, v in lists.items()) + "\n}\n"
    json.loads(text)  # the hand-joined text is valid JSON
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "src", "data", "splits", "chapters.json"))
    args = parser.parse_args()
    folder = os.environ.get("CALTECH101_DIR", os.path.join(ROOT, "..", "shared", "caltech101"))
    record = split_record(open_caltech101(folder))
    write_split(record, args.out)
    print(f"export_split: {len(record['train'])} training and {len(record['val'])} validation indices of {record['n']} images → {args.out}")


if __name__ == "__main__":
    main()
