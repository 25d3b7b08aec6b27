"""Runs torchvision transforms on PNG files, as the TypeScript tests' oracle.

Usage: torchvision_oracle.py JOBS.json — each job: {"input": path, "output": path, "op": ...}
ops: resize256 (Resize((256, 256))), crop224 (CenterCrop(224)), hflip, rot:ANGLE
(RandomRotation((A, A))), crop:SIZE. Inputs are converted to RGB as the tutorial does.
Prints one line per job; exits non-zero on the first failure.
"""
import json
import sys

from PIL import Image
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F


def run(job):
    img = Image.open(job["input"])
    img = img.convert("RGB") if img.mode != "RGB" else img
    op = job["op"]
    if op == "resize256":
        out = T.Resize((256, 256))(img)
    elif op.startswith("crop:"):
        out = T.CenterCrop(int(op[5:]))(img)
    elif op == "hflip":
        out = F.hflip(img)
    elif op.startswith("rot:"):
        angle = float(op[4:])
        out = T.RandomRotation((angle, angle))(img)
    else:
        raise ValueError(f"unknown op {op}")
    out.save(job["output"])


def main():
    jobs = json.load(open(sys.argv[1]))
    for job in jobs:
        run(job)
    print(f"torchvision {torchvision.__version__}: {len(jobs)} jobs done")


if __name__ == "__main__":
    main()
