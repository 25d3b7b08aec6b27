"""PyTorch's answer for the TypeScript convolution (src/lib/model/convolve.ts).

Usage: conv_oracle.py JOBS.json — each job: {"input": [[...]], "kernel": [[...]], "stride": s,
"padding": p, "bias": b} or {"grey": PNG path}; prints a JSON list of the outputs
(F.conv2d(...)[0, 0] as nested lists, or Pillow's convert("L") pixels).
"""
import json
import sys

import torch
import torch.nn.functional as F
from PIL import Image


def run(job):
    if "grey" in job:
        img = Image.open(job["grey"]).convert("RGB").convert("L")
        return list(img.getdata())
    x = torch.tensor(job["input"], dtype=torch.float32)[None, None]
    k = torch.tensor(job["kernel"], dtype=torch.float32)[None, None]
    b = torch.tensor([job["bias"]], dtype=torch.float32)
    return F.conv2d(x, k, b, stride=job["stride"], padding=job["padding"])[0, 0].tolist()


def main():
    jobs = json.load(open(sys.argv[1]))
    print(json.dumps([run(job) for job in jobs]))


if __name__ == "__main__":
    main()
