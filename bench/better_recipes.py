"""Short CPU measurement for the chapter "Wie es besser geht" (src/content/docs/besser.mdx).

Trains the configurations below at a reduced size and writes their numbers to a JSON file that
the chapter renders (src/data/better/measured.json). Protocol, written into the JSON as well:
the chapters' 80/20 split (torch.randperm(8677) with seed 0), every image resized to
SIZE x SIZE once and kept in memory as uint8, one training seed, plain accuracy over all
validation images after the last epoch. The runs are resumable: a finished configuration is kept
in the output file and skipped on the next start.

  simplecnn   the chapters' SimpleCNN (two convolutions, fc1 on the flattened maps), Adam 1e-3,
              horizontal flip only
  gap-bn      four convolutions with batch normalisation, global average pooling, dropout;
              same recipe as simplecnn (Adam 1e-3, flip only): the architecture alone
  gap-bn-recipe  the same model with AdamW (weight decay 0.05), one warm-up epoch (LinearLR from 0.1) then CosineAnnealingLR, stepped per epoch
              and RandomResizedCrop + flip: architecture and recipe together

Usage: nice -n 15 /usr/bin/python3 bench/better_recipes.py --data /work/shared/caltech101 \
         --out src/data/better/measured.json [--size 64] [--epochs 3] [--threads 2]
"""
import argparse
import json
import os
import platform
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms as T


def load_images(root, size):
    """All Caltech 101 images (torchvision's order: sorted classes, sorted files, no BACKGROUND),
    resized to [N, 3, size, size] uint8, with their labels [N]."""
    base = os.path.join(root, "101_ObjectCategories")
    classes = sorted(c for c in os.listdir(base) if c != "BACKGROUND_Google")
    images, labels = [], []
    for label, name in enumerate(classes):
        folder = os.path.join(base, name)
        for f in sorted(os.listdir(folder)):
            with Image.open(os.path.join(folder, f)) as img:
                img.draft("RGB", (size * 2, size * 2))
                img = img.convert("RGB").resize((size, size), Image.BILINEAR)
                images.append(torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).view(size, size, 3).permute(2, 0, 1))
            labels.append(label)
    return torch.stack(images), torch.tensor(labels), classes


class SimpleCNN(nn.Module):
    """The chapters' model with fc1 sized for the reduced input."""

    def __init__(self, num_classes, size):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(64 * (size // 4) ** 2, 512)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


def block(c_in, c_out):
    """Convolution, batch normalisation, ReLU, max pooling: halves the size."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True), nn.MaxPool2d(2))


class BetterCNN(nn.Module):
    """The chapter's model: four blocks, global average pooling, dropout, one linear layer."""

    def __init__(self, num_classes):
        super().__init__()
        self.features = nn.Sequential(block(3, 32), block(32, 64), block(64, 128), block(128, 256))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(256, num_classes)

    def forward(self, x):
        x = self.pool(self.features(x)).flatten(1)
        return self.fc(self.dropout(x))


def run(name, args, images, labels, train_idx, val_idx):
    """Trains one configuration and returns its record."""
    torch.manual_seed(args.seed)
    num_classes = int(labels.max()) + 1
    recipe = name == "gap-bn-recipe"
    model = SimpleCNN(num_classes, args.size) if name == "simplecnn" else BetterCNN(num_classes)
    if recipe:
        # as in the chapter: AdamW, one warm-up epoch from a tenth of the learning rate, then cosine, stepped per epoch
        optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
        warmup_epochs = 1
        scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[
            torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=warmup_epochs),
            torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs - warmup_epochs),
        ], milestones=[warmup_epochs])
        augment = T.Compose([T.RandomResizedCrop(args.size, scale=(0.5, 1.0), antialias=True), T.RandomHorizontalFlip()])
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
        scheduler = None
        augment = T.RandomHorizontalFlip()
    mean = torch.tensor([0.5, 0.5, 0.5]).view(1, 3, 1, 1)

    def prepare(batch):
        return (batch.float() / 255 - mean) / 0.5

    epochs = []
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = train_idx[torch.randperm(len(train_idx))]
        loss_sum, correct = 0.0, 0
        for i in range(0, len(order), args.batch):
            idx = order[i:i + args.batch]
            x = prepare(torch.stack([augment(img) for img in images[idx]]))
            y = labels[idx]
            out = model(x)
            loss = F.cross_entropy(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (out.argmax(1) == y).sum().item()
        if scheduler:
            scheduler.step()
        model.eval()
        val_loss, val_correct = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(val_idx), 256):
                idx = val_idx[i:i + 256]
                out = model(prepare(images[idx]))
                val_loss += F.cross_entropy(out, labels[idx], reduction="sum").item()
                val_correct += (out.argmax(1) == labels[idx]).sum().item()
        epochs.append({"epoch": epoch, "trainLoss": loss_sum / len(train_idx), "trainAccuracy": correct / len(train_idx),
                       "valLoss": val_loss / len(val_idx), "valAccuracy": val_correct / len(val_idx)})
        print(name, epochs[-1], f"{time.time() - start:.0f} s", flush=True)
    return {"name": name, "parameters": sum(p.numel() for p in model.parameters()), "epochs": epochs,
            "valAccuracy": epochs[-1]["valAccuracy"], "seconds": round(time.time() - start)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="folder holding 101_ObjectCategories")
    p.add_argument("--out", required=True)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--configs", default="simplecnn,gap-bn-recipe,gap-bn")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    record = {}
    if os.path.exists(args.out):
        with open(args.out) as f:
            record = json.load(f)
    record["command"] = "nice -n 15 /usr/bin/python3 " + " ".join(sys.argv)
    record["protocol"] = {"device": f"CPU ({platform.processor() or platform.machine()}), {args.threads} threads, shared machine",
                          "torch": torch.__version__, "size": args.size, "epochs": args.epochs, "batch": args.batch,
                          "lr": args.lr, "seed": args.seed, "split": "80/20, torch.randperm(8677) with generator seed 0",
                          "metric": "plain accuracy over all validation images after the last epoch"}
    record.setdefault("runs", {})
    t0 = time.time()
    images, labels, classes = load_images(args.data, args.size)
    print(f"{len(images)} images in {time.time() - t0:.0f} s", flush=True)
    perm = torch.randperm(len(images), generator=torch.Generator().manual_seed(0))
    n_train = int(0.8 * len(images))
    train_idx, val_idx = perm[:n_train], perm[n_train:]
    record["protocol"].update({"images": len(images), "classes": len(classes), "train": n_train, "val": len(val_idx)})
    for name in args.configs.split(","):
        if name in record["runs"]:
            print(f"{name}: already measured, skipped")
            continue
        record["runs"][name] = run(name, args, images, labels, train_idx, val_idx)
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(record, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
