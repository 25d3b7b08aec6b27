"""What loading costs in the chapters' program with num_workers=0: reading, decoding and transforming
the training images in the main process, before any model arithmetic.

Runs the chapters' blocks (site order, as tests/python/run_chapters.py) up to the two transform
chains, then reads N images of the full Caltech 101 (every 8677 / N-th, so all classes count)
through `train_transform` and measures the CPU time of this process per image
(time.process_time: on a shared machine it counts only this process's own work; the transforms
are single-threaded). Prints ms per image and the extrapolation to one epoch of 6,941 images.

  /usr/bin/python3 tests/python/loading_cost.py [--images 400] [--json FILE]
Needs CALTECH101_DIR (a folder with 101_ObjectCategories/).
"""
import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_chapters  # noqa: E402
from dataset import categories_folder  # noqa: E402

LAST_BLOCK = "Transformationen für die Validierung"
TRAIN_IMAGES = 6941


def cpu_name():
    """The CPU's model name from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=400, help="how many images to time (default 400)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    out = os.path.abspath(args.json) if args.json else None
    if args.images < 10:
        sys.exit(f"invalid --images: {args.images} (choose at least 10)")
    run_chapters.require_torch()
    import torch
    import torchvision

    torch.set_num_threads(1)
    folder = categories_folder()
    if not os.path.isdir(folder):
        sys.exit(f"Caltech 101 not found at {folder} (set CALTECH101_DIR)")
    os.environ.setdefault("MPLBACKEND", "Agg")
    work = tempfile.mkdtemp(prefix="loading-cost-")
    os.makedirs(os.path.join(work, "data", "caltech101"))
    os.symlink(folder, os.path.join(work, "data", "caltech101", "101_ObjectCategories"))
    os.chdir(work)
    namespace = {"__name__": "__main__"}
    for block in run_chapters.blocks():
        if any(importlib.util.find_spec(m) is None for m in block["opts"].get("needs", "").split()):
            continue  # torchsummary/torchviz: not needed for loading
        run_chapters.run_code(block["code"], namespace, block["where"])
        if block["title"] == LAST_BLOCK:
            break
    else:
        sys.exit(f"block «{LAST_BLOCK}» not found")
    dataset = torchvision.datasets.Caltech101(root=namespace["DATA_ROOT"], transform=namespace["train_transform"])
    step = len(dataset) / args.images
    indices = [int(i * step) for i in range(args.images)]
    dataset[indices[0]]  # warm caches and imports once
    per_image = []
    for i in indices:
        start = time.process_time()
        dataset[i]
        per_image.append(time.process_time() - start)
    ms = statistics.mean(per_image) * 1000
    result = {
        "images": args.images,
        "cpu_ms_per_image_mean": round(ms, 2),
        "cpu_ms_per_image_median": round(statistics.median(per_image) * 1000, 2),
        "seconds_per_epoch": round(ms * TRAIN_IMAGES / 1000, 1),
        "cpu": cpu_name(),
        "note": "CPU time of this process (time.process_time), one thread",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "date": time.strftime("%Y-%m-%d"),
    }
    print(f"{args.images} images through train_transform: {ms:.1f} ms CPU time per image (median "
          f"{result['cpu_ms_per_image_median']:.1f}) → {result['seconds_per_epoch']:.1f} s for the "
          f"{TRAIN_IMAGES} training images of one epoch, in the main process")
    if out:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
