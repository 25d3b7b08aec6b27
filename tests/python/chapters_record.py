"""The run record of the chapters' program (`run_chapters.py --record FILE`): the PyTorch arm
"corrected" is the chapters' own program. The record profile times each epoch of the training loop
(epoch_timer); write_chapters_record builds the record (scripts/pytorch/records.py) from what the
program left in its namespace — in this process, or inside the Jupyter kernel that ran it. Part of
tests/python/run_chapters.py, which re-exports these names."""
import os
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def epoch_timer(seconds):
    """`timed_epochs` for the record profile: yields the loop's epochs and notes each body's seconds."""

    def timed_epochs(epochs):
        for epoch in epochs:
            started = time.time()
            yield epoch
            seconds.append(time.time() - started)

    return timed_epochs


def write_chapters_record(namespace, seconds, args, work, started):
    """The corrected recipe's run record, from what the chapters' program left in its namespace."""
    sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
    import records
    import torch

    history, caltech, loader = namespace["history"], namespace["caltech"], namespace["train_loader"]
    n = len(history["train_loss"])
    if n == 0 or len(seconds) != n:
        sys.exit(f"record: {n} epochs in history, {len(seconds)} timed: the training loop did not run under the record profile")
    paths = records.dataset_paths(caltech)
    device = torch.device(namespace["device"]) if not isinstance(namespace["device"], torch.device) else namespace["device"]
    workers = loader.num_workers
    provenance = records.torch_provenance(torch, device, workers, bool(getattr(loader, "persistent_workers", False)), args.concurrent,
                                          f"tests/python/run_chapters.py --profile {','.join(args.profiles)} --data {args.data}")
    config = {
        "classes": len(caltech.categories), "perClass": "all", "cropSize": namespace.get("image_size", 224), "epochs": n,
        "batchSize": namespace["batch_size"], "learningRate": namespace["learning_rate"], "recipe": "corrected",
        "seed": namespace["seed"], "trainFraction": 0.8,
        "split": records.split_name(namespace["train_indices"], namespace["val_indices"], len(caltech)),
    }
    epochs = [
        records.epoch_metrics(i + 1, history["train_loss"][i], history["train_acc"][i], history["val_loss"][i], history["val_acc"][i], round(seconds[i], 2))
        for i in range(n)
    ]
    code = records.sha256_text("".join(namespace["__program__"]))
    cats = os.path.join(work, "data", "caltech101", "101_ObjectCategories")
    name = args.name or f"pytorch-corrected-{provenance['precision']['mode']}-s{namespace['seed']}" + ("" if args.data == "full" else "-tiny")
    record = records.make_record(
        name, config, {"train": len(namespace["train_indices"]), "val": len(namespace["val_indices"])}, epochs, provenance,
        records.data_hash(cats, paths), code, started, device.type, provenance["device"],
    )
    if "preds_all" in namespace:  # the program reached "Das Modell benutzen und prüfen": its predictions per validation image
        predictions = records.make_predictions(name, caltech.categories, paths, namespace["val_indices"],
                                               namespace["labels_all"].tolist(), namespace["preds_all"].tolist())
        record["predictions"] = records.write_predictions(predictions, args.record)
    if not config["split"].startswith("chapters:") and args.data == "full":
        print(f"record: WARNING: the program's split is not src/data/splits/chapters.json ({config['split'][:20]}…): torch's randperm differs here")
    records.write_record(record, args.record)
