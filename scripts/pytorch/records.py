"""Run records of the PyTorch arms, in the schema of src/lib/runs/record.ts (format 2).

Both PyTorch arms write through this module: the original recipe (scripts/pytorch/reference_original.py)
and the corrected one (the chapters' program, tests/python/run_chapters.py --record FILE). A record
holds the config, per-epoch metrics and its provenance (engine, versions, device, precision flags,
data loading, whether other runs shared the device). Its hashes are computed as the TypeScript side
computes them: data = SHA-256 over 'class/file\\0size' of every image in torchvision's order, one a
line (src/lib/runs/record-node.ts dataHash); code = SHA-256 over the program that ran; hash =
SHA-256 over JSON(config) + data + code (hashRun).
"""
import datetime
import hashlib
import json
import os
import platform
import sys

RECORD_FORMAT = 2
SPLIT_FILE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src", "data", "splits", "chapters.json"))


SEED_MAX = 4294967295  # 2**32 - 1: src/lib/data/seed.ts; our generator folds larger seeds onto smaller ones


def check_seed(value, label="seed"):
    """`value` as a seed, an integer in 0…4294967295 (a decimal string or an int, never a bool);
    raises ValueError naming `label` and the range otherwise, as every entry point of a seed does."""
    text = str(value)
    if isinstance(value, bool) or not (isinstance(value, int) or isinstance(value, str)) or not text.isascii() \
            or not text.isdigit() or len(text) > 10 or int(text) > SEED_MAX:
        raise ValueError(f"invalid {label}: {text} (an integer in 0…{SEED_MAX})")
    return int(text)


def seed_argument(text):
    """argparse `type=` for --seed: the same check, reported as argparse's usage error."""
    import argparse
    try:
        return check_seed(text, "--seed")
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def sha256_text(text):
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def data_hash(categories_folder, paths):
    """SHA-256 over 'path\\0size' per image (paths: 'class/file' in torchvision's order), as dataHash does."""
    sizes = [os.stat(os.path.join(categories_folder, p)).st_size for p in paths]
    return sha256_text("\n".join(f"{p}\0{s}" for p, s in zip(paths, sizes)))


def dataset_paths(caltech):
    """'class/file' of every image of a torchvision Caltech101, in its order."""
    return [f"{caltech.categories[c]}/image_{i:04d}.jpg" for c, i in zip(caltech.y, caltech.index)]


def load_split_file(path=SPLIT_FILE):
    """The shared split (scripts/export_split.py) and the SHA-256 of its file."""
    with open(path, "rb") as f:
        raw = f.read()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def split_name(train, val, n):
    """'chapters:SHA' when (train, val) is the committed chapters split, else 'own-N:SHA' of the lists."""
    if os.path.exists(SPLIT_FILE):
        split, file_hash = load_split_file()
        if split["n"] == n and split["train"] == list(train) and split["val"] == list(val):
            return f"{split['name']}:{file_hash}"
    return f"own-{n}:{sha256_text(json.dumps([list(train), list(val)]))}"


def torch_provenance(torch, device, workers, persistent, concurrent, program, requested_tf32=None):
    """Provenance of a PyTorch run: versions, device, TF32 switches as set now, data loading."""
    import torchvision

    versions = {"torch": torch.__version__, "torchvision": torchvision.__version__, "python": platform.python_version()}
    if device.type == "cuda":
        versions["cuda"] = str(torch.version.cuda)
        versions["cudnn"] = str(torch.backends.cudnn.version())
        flags = {
            "cudnnAllowTf32": bool(torch.backends.cudnn.allow_tf32),
            "matmulAllowTf32": bool(torch.backends.cuda.matmul.allow_tf32),
            "cudnnBenchmark": bool(torch.backends.cudnn.benchmark),
        }
        name = torch.cuda.get_device_name(device)
    else:
        # the CPU computes in fp32 whatever the CUDA switches say (a "TF32" arm on the CPU is an fp32 run)
        flags = {"cpu": "fp32 (TF32 switches do not apply)"}
        if requested_tf32:
            flags["tf32Switches"] = f"{requested_tf32} (no effect on the CPU)"
        name = "cpu"
    mode = "tf32" if any(v is True and "Tf32" in k for k, v in flags.items()) else "fp32"
    return {
        "engine": "pytorch",
        "program": program,
        "versions": versions,
        "device": name,
        "precision": {"mode": mode, "flags": flags},
        "dataLoading": {
            "workers": int(workers),
            "note": f"torch DataLoader, {'persistent ' if persistent else ''}{'worker processes' if workers else 'main process'}",
        },
        "concurrent": bool(concurrent),
    }


def make_record(name, config, images, epochs, provenance, data, code, started, device_type, device_name):
    """A format-2 record; config keys in RunConfig's order (the hash is over its JSON)."""
    config_json = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    return {
        "format": RECORD_FORMAT,
        "name": name,
        "config": config,
        "images": images,
        "epochs": epochs,
        "environment": {"backend": device_type, "adapter": device_name, "platform": f"{sys.platform}-{platform.machine()}"},
        "started": started,
        "finished": now(),
        "hash": sha256_text(f"{config_json}\n{data}\n{code}"),
        "inputs": {"data": data, "code": code},
        "provenance": provenance,
    }


def epoch_metrics(epoch, train_loss, train_acc, val_loss, val_acc, seconds, train_last=None, val_last=None):
    """One epoch in EpochMetrics' field names; last-batch losses are null where a program does not measure them."""
    return {
        "epoch": epoch,
        "trainLoss": float(train_loss),
        "trainLossLastBatch": None if train_last is None else float(train_last),
        "trainAccuracy": float(train_acc),
        "valLoss": float(val_loss),
        "valLossLastBatch": None if val_last is None else float(val_last),
        "valAccuracy": float(val_acc),
        "seconds": float(seconds),
    }


def write_record(record, out):
    """Writes atomically: a crash never leaves a half-written record."""
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(out + ".tmp", out)
    print(f"record: wrote {out}", flush=True)


PREDICTIONS_FORMAT = 1


def make_predictions(record_name, categories, paths, val_indices, true_classes, predicted):
    """Per validation image (in the validation loader's order): its id ('class/file', as the data
    hash names it), its true and its predicted class number; checked at build by
    src/lib/runs/predictions.ts (validatePredictions)."""
    if not (len(val_indices) == len(true_classes) == len(predicted)):
        raise ValueError(f"predictions: {len(val_indices)} validation images, {len(true_classes)} labels, {len(predicted)} predictions")
    images = []
    for index, t, p in zip(val_indices, true_classes, predicted):
        path = paths[index]
        if path.split("/")[0] != categories[t]:
            raise ValueError(f"predictions: image {path} is labelled {categories[t]}: the loader's order is not val_indices'")
        images.append([path, int(t), int(p)])
    correct = sum(t == p for _, t, p in images)
    return {"format": PREDICTIONS_FORMAT, "record": record_name, "classes": list(categories),
            "correct": correct, "images": images}


def write_predictions(predictions, record_path):
    """Writes the predictions beside the record (RECORD_DIR/predictions/NAME.json, one image a line)
    and returns the path the record names, relative to the record's folder."""
    relative = f"predictions/{os.path.splitext(os.path.basename(record_path))[0]}.json"
    out = os.path.join(os.path.dirname(os.path.abspath(record_path)), relative)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    head = {k: v for k, v in predictions.items() if k != "images"}
    lines = ",\n".join("    " + json.dumps(i, ensure_ascii=False) for i in predictions["images"])
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "images": [\n' + lines + "\n]}\n"
    json.loads(text)  # a malformed file never reaches the build
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)
    print(f"predictions: wrote {out} ({predictions['correct']} of {len(predictions['images'])} right)", flush=True)
    return relative
