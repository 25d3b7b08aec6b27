"""Runs torchvision transforms on images, as the TypeScript tests' oracle.

Usage:
  torchvision_oracle.py JOBS.json
      each job: {"input": path, "output": path, "op": ...}; ops: resize256 (Resize((256, 256))),
      crop224 (CenterCrop(224)), hflip, rot:ANGLE (RandomRotation((A, A))), crop:SIZE. Inputs are
      converted to RGB as the tutorial does. Prints one line; exits non-zero on the first failure.
  torchvision_oracle.py --reference CATEGORIES_DIR OUT_DIR
      writes the reference outputs of five Caltech 101 images (REFERENCE_IMAGES) into OUT_DIR, file
      for file as the original code's reference set was made (NAME.jpg, NAME.decoded.png,
      NAME.resize256.png, NAME.crop224.png, NAME.hflip.png, NAME.rotA.png, NAME.decodedrot7.5.png,
      info.json). CATEGORIES_DIR is the 101_ObjectCategories/ folder. The images come from the data
      set, which the project never commits, so the outputs are made during the test run.
"""
import json
import os
import shutil
import sys

from PIL import Image
import torch
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F

# (class folder, file) of the five reference images: colour, greyscale ("L"), narrow, large, small.
REFERENCE_IMAGES = [
    ("accordion", "image_0001.jpg"),
    ("car_side", "image_0001.jpg"),
    ("flamingo", "image_0002.jpg"),
    ("Faces", "image_0163.jpg"),
    ("panda", "image_0005.jpg"),
]
ANGLES = ["-10.0", "-3.7", "5.2", "10.0"]


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


def write_reference(categories, out):
    """The reference set of REFERENCE_IMAGES from `categories` (101_ObjectCategories/) into `out`."""
    os.makedirs(out, exist_ok=True)
    stats = {}
    for folder, file in REFERENCE_IMAGES:
        name = f"{folder}_{file[:-4]}"
        source = os.path.join(categories, folder, file)
        shutil.copyfile(source, os.path.join(out, f"{name}.jpg"))
        original = Image.open(source)
        # The tutorial's Lambda: greyscale images become RGB, everything else passes unchanged.
        decoded = original.convert("RGB") if original.mode == "L" else original
        resized = T.Resize((256, 256))(decoded)
        cropped = T.CenterCrop(224)(resized)
        outputs = {
            "decoded": decoded,
            "resize256": resized,
            "crop224": cropped,
            "hflip": T.RandomHorizontalFlip(p=1.0)(resized),
            "decodedrot7.5": T.RandomRotation((7.5, 7.5))(decoded),
        }
        for angle in ANGLES:
            outputs[f"rot{angle}"] = T.RandomRotation((float(angle), float(angle)))(resized)
        for suffix, image in outputs.items():
            image.save(os.path.join(out, f"{name}.{suffix}.png"))
        tensor = T.Normalize((0.5,) * 3, (0.5,) * 3)(T.ToTensor()(cropped))
        stats[name] = {
            "mode": original.mode,
            "size": list(original.size),
            "mean": tensor.mean(dim=(1, 2)).tolist(),
            "min": tensor.min().item(),
            "max": tensor.max().item(),
        }
    import PIL
    info = {"torch": torch.__version__, "torchvision": torchvision.__version__, "PIL": PIL.__version__, "stats": stats}
    with open(os.path.join(out, "info.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(f"torchvision {torchvision.__version__}: reference outputs of {len(stats)} images in {out}")


def main():
    if sys.argv[1:2] == ["--reference"]:
        if len(sys.argv) != 4:
            sys.exit("usage: torchvision_oracle.py --reference CATEGORIES_DIR OUT_DIR")
        write_reference(sys.argv[2], sys.argv[3])
        return
    jobs = json.load(open(sys.argv[1]))
    for job in jobs:
        run(job)
    print(f"torchvision {torchvision.__version__}: {len(jobs)} jobs done")


if __name__ == "__main__":
    main()
