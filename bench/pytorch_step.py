"""Times the training step of SimpleCNN in PyTorch: the companion of scripts/bench-step.ts.

The same step as the TensorFlow.js benchmark (the loop's trainStep): forward, cross-entropy loss,
backward, Adam update (lr 0.001) and the batch's correct count, on a fixed random batch, in fp32
(TF32 off, so a GPU does the same arithmetic as WebGPU's fp32 kernels). CUDA when available,
else the CPU. Timing: N consecutive steps with one torch.cuda.synchronize() at the end (no
loss.item() per step), as the TensorFlow.js benchmark reads back only the last loss; the losses
are read after the clock has stopped.

  /usr/bin/python3 bench/pytorch_step.py [--sizes 224,64] [--batch 64] [--classes 101]
                                         [--warmup 3] [--steps 10] [--json FILE]

Prints the device, the torch version and per size the median step time and images/s; --json
writes all results (with device, date, versions, config) to FILE. Runs with torch 1.13 and 2.x.
"""
import argparse
import datetime
import json
import os
import platform
import sys
import time

import torch
from torch import nn


class SimpleCNN(nn.Module):
    """The tutorial's model: two 3×3 convolutions with ReLU and 2×2 max-pooling, two linear layers."""

    def __init__(self, size, num_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(64 * (size // 4) ** 2, 512)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc2(torch.relu(self.fc1(x)))


def parse_sizes(text):
    sizes = []
    for part in text.split(","):
        if not part.strip().isdigit():
            raise argparse.ArgumentTypeError(f"invalid size {part!r} (expected whole numbers, e.g. 224,64)")
        size = int(part)
        if size < 4 or size % 4:
            raise argparse.ArgumentTypeError(f"invalid size {size} (a multiple of 4)")
        sizes.append(size)
    return sizes


def positive(minimum):
    def check(text):
        if not text.isdigit() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"invalid value {text!r} (expected a whole number >= {minimum})")
        return int(text)
    return check


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def run_config(size, args, device):
    """Builds the model for one input size, times its steps and frees it again."""
    torch.manual_seed(0)
    model = SimpleCNN(size, args.classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)
    criterion = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(1)
    x = torch.rand(args.batch, 3, size, size, generator=generator).to(device)
    y = torch.randint(0, args.classes, (args.batch,), generator=generator).to(device)
    model.train()

    losses = []

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = model(x)
        loss = criterion(logits, y)
        loss.backward()
        optimizer.step()
        correct = (logits.argmax(1) == y).sum()  # as the loop counts them; not read back
        return loss.detach(), correct

    def block(n):
        """n consecutive steps, one synchronisation at the end; returns the wall time in ms."""
        sync(device)
        t0 = time.perf_counter()
        pending = [step()[0] for _ in range(n)]
        sync(device)
        ms = (time.perf_counter() - t0) * 1000
        losses.extend(loss.item() for loss in pending)  # after the clock stopped
        return ms

    warmup_ms = block(args.warmup)
    total_ms = block(args.steps)
    ms_per_step = total_ms / args.steps
    result = {
        "size": size,
        "batch": args.batch,
        "classes": args.classes,
        "warmupMs": warmup_ms,
        "totalMs": total_ms,
        "steps": args.steps,
        "msPerStep": ms_per_step,
        "imagesPerSecond": args.batch / (ms_per_step / 1000),
        "finalLoss": losses[-1],
        "losses": losses,
    }
    if device.type == "cuda":
        result["peakMemoryMiB"] = torch.cuda.max_memory_allocated(device) / 2**20
    del model, optimizer, x, y
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    return result


def main():
    parser = argparse.ArgumentParser(description="Times N consecutive SimpleCNN training steps in PyTorch (fp32), one synchronisation at the end.")
    parser.add_argument("--sizes", type=parse_sizes, default=[224, 64], help="input sizes, e.g. 224,64")
    parser.add_argument("--batch", type=positive(1), default=64)
    parser.add_argument("--classes", type=positive(2), default=101)
    parser.add_argument("--warmup", type=positive(0), default=3)
    parser.add_argument("--steps", type=positive(1), default=10)
    parser.add_argument("--json", metavar="FILE", help="write all results as JSON to FILE")
    args = parser.parse_args()

    # fp32 throughout: no TF32 in matrix products or convolutions.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    if torch.cuda.is_available():
        device = torch.device("cuda")
        device_name = torch.cuda.get_device_name(device)
    else:
        device = torch.device("cpu")
        device_name = f"CPU ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
    print(f"pytorch_step: device {device_name}, torch {torch.__version__}, Python {platform.python_version()}")
    print(f"config: sizes {', '.join(map(str, args.sizes))}, batch {args.batch}, {args.classes} classes, "
          f"{args.warmup} warm-up + {args.steps} timed consecutive steps (one synchronisation at the end), fp32 (TF32 off)")

    results = []
    for size in args.sizes:
        r = run_config(size, args, device)
        results.append(r)
        print(f"  size {size}: {r['msPerStep']:.1f} ms per step ({r['steps']} steps in {r['totalMs']:.0f} ms), "
              f"{r['imagesPerSecond']:.1f} img/s, warm-up {r['warmupMs']:.0f} ms, loss {r['finalLoss']:.3f}")

    print()
    print(f"{'size':>5}  {'ms/step':>10}  {'img/s':>9}")
    for r in results:
        print(f"{r['size']:>5}  {r['msPerStep']:>10.1f}  {r['imagesPerSecond']:>9.1f}")

    if args.json:
        report = {
            "benchmark": "pytorch-step",
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "device": device_name,
            "deviceType": device.type,
            "torch": torch.__version__,
            "cuda": torch.version.cuda,
            "cudnn": torch.backends.cudnn.version() if device.type == "cuda" else None,
            "python": platform.python_version(),
            "platform": f"{sys.platform}-{platform.machine()}",
            "config": {
                "sizes": args.sizes,
                "batch": args.batch,
                "classes": args.classes,
                "warmup": args.warmup,
                "steps": args.steps,
                "precision": "fp32 (TF32 off)",
                "cudnnBenchmark": torch.backends.cudnn.benchmark,
                "threads": torch.get_num_threads(),
            },
            "results": results,
        }
        folder = os.path.dirname(os.path.abspath(args.json))
        os.makedirs(folder, exist_ok=True)
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print(f"pytorch_step: wrote {args.json}")


if __name__ == "__main__":
    main()
