"""Runs the whole program notebook — every Python block of the site's chapters, in site order.

The notebook is the one the site offers for download (`caltech101-programm.ipynb`): the runner
generates it with scripts/notebook.ts (the one extraction of the chapters' code, also used by the
build) and executes its code cells top to bottom in one namespace, so later chapters use what
earlier ones defined. It runs against
a tiny copy of Caltech 101 (a few classes, a few images each, linked from CALTECH101_DIR) in a
temporary folder, so `caltech = Caltech101(root="./data", download=True)` finds it and downloads
nothing (`--data full` links the whole data set instead). What a run changes is declared in each
fence's meta, never hidden in the shown code, and travels with each code cell
(`metadata.caltech101.attributes`):

  needs="torchsummary torchviz"   the block needs packages Debian does not ship: if they are
                                  missing, the block is skipped with the reason printed (its
                                  outputs are checked elsewhere: tests/unit/model.test.ts).
  test-after="num_epochs = 1"     the override mechanism (tests/python/overrides.py):
  device-sub="seed = 0 => seed = ${SEED}"  PROFILE-sub / PROFILE-after apply only when the run
                                  selects PROFILE (--profile, default `test`).

Usage: run_chapters.py [--profile test[,device,probe…]] [--data tiny|full] [--until WHERE] [--record FILE] [--notebook FILE]
  --notebook FILE run this notebook instead of generating one (generating needs Node >= 22.6:
                  $NODE, .tools/node24/bin/node, $APP/node or `node` on PATH).
  --until WHERE   stop (successfully) after the first block whose location (slug.mdx:line)
                  or title contains WHERE.
  --record FILE   also apply the `record` profile (it times each epoch of the training loop) and
                  write a run record of the corrected recipe (scripts/pytorch/records.py) to FILE:
                  the PyTorch arm "corrected" is the chapters' own program. --name NAME names it,
                  --concurrent says that other runs share the device.

A block that starts with `%%writefile NAME` is a notebook cell magic: like Jupyter, the runner writes
the rest of the block to NAME in the working folder instead of executing it, and that folder is on
sys.path, so a later block can import it (helpers that DataLoader worker processes must find).

Prints how many blocks ran and how many were skipped; exits non-zero on any error, and under
CI=true also when the data set is missing.
"""
import argparse
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import categories_folder  # noqa: E402
from overrides import OverrideError, apply_overrides  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GENERATOR = os.path.join(ROOT, "scripts", "notebook.ts")
TINY_CLASSES = ["Faces", "Leopards", "accordion", "airplanes", "yin_yang"]
TINY_PER_CLASS = 12
_generated = {}


def find_node():
    """A Node that runs TypeScript directly, as [node, flags…]: $NODE, the project's, the device
    bundle's ($APP/node), PATH's. Type stripping is on by default from 22.18 and behind a flag from 22.6."""
    candidates = [os.environ.get("NODE"), os.path.join(ROOT, ".tools", "node24", "bin", "node"),
                  os.path.join(os.environ.get("APP", "/tmp/app"), "node"), shutil.which("node")]
    for node in filter(None, candidates):
        if not os.access(node, os.X_OK):
            continue
        version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        m = re.match(r"v(\d+)\.(\d+)", version)
        if not m:
            continue
        major_minor = (int(m.group(1)), int(m.group(2)))
        if (22, 18) <= major_minor < (23, 0) or major_minor >= (23, 6):
            return [node]
        if major_minor >= (22, 6):
            return [node, "--experimental-strip-types", "--no-warnings"]
    return None


def generate_notebook():
    """The program notebook as scripts/notebook.ts writes it (generated once per process)."""
    if "notebook" not in _generated:
        node = find_node()
        if node is None:
            raise RuntimeError("no Node >= 22.6 to run scripts/notebook.ts: set NODE=/path/to/node, "
                               "or generate the notebook elsewhere (npm run notebook -- --out FILE) and pass --notebook FILE")
        done = subprocess.run(node + [GENERATOR], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"scripts/notebook.ts failed ({' '.join(node)}):\n{done.stderr}")
        _generated["notebook"] = json.loads(done.stdout)
    return _generated["notebook"]


def load_notebook(path=None):
    """The notebook at `path`, or the generated one."""
    if path is None:
        return generate_notebook()
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def blocks(notebook=None):
    """The notebook's code cells in order, as {where, title, code, opts, attributes}: the cell's
    source and what its `metadata.caltech101` says (its chapter location, title and fence meta)."""
    notebook = generate_notebook() if notebook is None else notebook
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        origin = cell.get("metadata", {}).get("caltech101", {})
        attributes = [tuple(a) for a in origin.get("attributes", [])]
        source = cell["source"]
        yield {"where": origin.get("where", cell.get("id", "cell")), "title": origin.get("title", ""),
               "code": "".join(source) if isinstance(source, list) else source, "opts": dict(attributes), "attributes": attributes}


class StopProgram(Exception):
    """Raised by code an override adds, to end the program early on purpose (a probe that has
    measured what it came for, or `device-after="raise StopProgram(…)"` where the full runs end
    before "Wie es besser geht"): the runner stops there and counts the run as a success."""


def program_namespace():
    """The namespace the blocks run in: StopProgram is visible to them, so an override can end a
    profile's run before a chapter (`device-after="raise StopProgram(…)"`)."""
    return {"__name__": "__main__", "StopProgram": StopProgram}


WRITEFILE = re.compile(r"%%writefile\s+(\S+)[ \t]*\n")


def run_code(code, namespace, where="<chapter>"):
    """Runs one block like a notebook cell: a `%%writefile NAME` cell is written to NAME in the
    current folder (importable from there, as in Jupyter), any other block is executed."""
    m = WRITEFILE.match(code)
    if m:
        with open(m.group(1), "w", encoding="utf-8") as f:
            f.write(code[m.end():])
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        importlib.invalidate_caches()
        print(f"     wrote {m.group(1)} (%%writefile)")
        return
    exec(compile(code, where, "exec"), namespace)


def dataset_folder():
    folder = categories_folder()
    if not os.path.isdir(folder):
        message = f"Caltech 101 not found at {folder} (set CALTECH101_DIR, or run `npm run data`)"
        if os.environ.get("CI"):
            sys.exit(f"CI=true: {message}")
        print(f"SKIP: {message}")
        sys.exit(0)
    return folder


def make_dataset(work, size):
    """Links Caltech 101 into work/data/caltech101: a few images of a few classes ('tiny') or all."""
    folder = dataset_folder()
    target = os.path.join(work, "data", "caltech101", "101_ObjectCategories")
    if size == "full":
        os.makedirs(os.path.dirname(target))
        os.symlink(folder, target)
        print(f"Caltech 101: all of {folder}")
        return
    for name in TINY_CLASSES + ["BACKGROUND_Google"]:
        os.makedirs(os.path.join(target, name))
        files = sorted(f for f in os.listdir(os.path.join(folder, name)) if f.endswith(".jpg"))[:TINY_PER_CLASS]
        for f in files:
            os.symlink(os.path.join(folder, name, f), os.path.join(target, name, f))
    print(f"tiny Caltech 101: {len(TINY_CLASSES)} classes × {TINY_PER_CLASS} images, linked from {folder}")


def require_torch():
    missing = [m for m in ("torch", "torchvision", "PIL", "matplotlib", "tqdm", "scipy") if importlib.util.find_spec(m) is None]
    if missing:
        message = f"{sys.executable} lacks {', '.join(missing)} (apt-get install -y python3-torch python3-torchvision python3-pil python3-matplotlib python3-tqdm python3-scipy)"
        if os.environ.get("CI"):
            sys.exit(f"CI=true: {message}")
        print(f"SKIP: {message}")
        sys.exit(0)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Runs every Python block of the chapters as one program.")
    parser.add_argument("--profile", default="test", help="override profiles to apply, comma-separated (default: test)")
    parser.add_argument("--data", choices=("tiny", "full"), default="tiny", help="tiny: 5 classes × 12 images (default); full: all of Caltech 101")
    parser.add_argument("--until", help="stop after the first block whose location or title contains this text")
    parser.add_argument("--record", help="write a run record of the corrected recipe to this file")
    parser.add_argument("--name", help="the record's name (default pytorch-corrected-PRECISION-sSEED)")
    parser.add_argument("--notebook", help="run this .ipynb instead of generating the program notebook")
    parser.add_argument("--concurrent", action="store_true", help="other runs share the device (the record says so)")
    args = parser.parse_args(argv)
    args.profiles = [p for p in args.profile.split(",") if p]
    if args.record and "record" not in args.profiles:
        args.profiles.append("record")
    return args


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
        "classes": len(caltech.categories), "perClass": "all", "cropSize": 224, "epochs": n,
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
    if not config["split"].startswith("chapters:") and args.data == "full":
        print(f"record: WARNING: the program's split is not src/data/splits/chapters.json ({config['split'][:20]}…): torch's randperm differs here")
    records.write_record(record, args.record)


def run_blocks(namespace, profiles, until=None, notebook=None):
    """Runs the notebook's code cells (default: the generated one) in order in `namespace`,
    applying the profiles' overrides; a cell whose `needs` packages are missing is skipped.

    Returns (ran, skipped, stopped_early); raises on the first failing block (after printing where).
    """
    ran = skipped = 0
    for block in blocks(notebook):
        needs = block["opts"].get("needs", "").split()
        missing = [m for m in needs if importlib.util.find_spec(m) is None]
        if missing:
            skipped += 1
            print(f"skip {block['where']} «{block['title']}»: needs {', '.join(missing)}, which Debian does not package "
                  f"(its output is checked by tests/unit/model.test.ts)")
            continue
        print(f"run  {block['where']} «{block['title']}»", flush=True)
        try:
            code, after, notes = apply_overrides(block["code"], block["attributes"], profiles, where=f"{block['where']} «{block['title']}»")
            for note in notes:
                print(f"     {'/'.join(profiles)}: {note}")
            run_code(code, namespace, block["where"])
            for statement in after:
                exec(compile(statement, f"{block['where']} (after)", "exec"), namespace)
            namespace.setdefault("__program__", []).extend([code, *after])
        except StopProgram as stop:
            print(f"stopped by the program at {block['where']}: {stop}")
            return ran + 1, skipped, True
        except Exception as error:
            if not isinstance(error, OverrideError):
                traceback.print_exc()
            print(f"FAILED at {block['where']} «{block['title']}»")
            print(f"{ran} passed, 1 failed, {skipped} skipped")
            raise
        ran += 1
        if until and (until in block["where"] or until in block["title"]):
            print(f"stopping after {block['where']} (--until {until})")
            return ran, skipped, True
    return ran, skipped, False


def main(argv=None):
    args = parse_args(argv)
    require_torch()
    try:
        notebook = load_notebook(os.path.abspath(args.notebook) if args.notebook else None)
    except (OSError, ValueError, RuntimeError) as error:
        sys.exit(f"notebook: {error}")
    cells = sum(c["cell_type"] == "code" for c in notebook["cells"])
    print(f"notebook: {args.notebook or 'generated by scripts/notebook.ts'}, {cells} code cells")
    os.environ.setdefault("MPLBACKEND", "Agg")  # plt.show() draws nothing without a display
    work = tempfile.mkdtemp(prefix="chapters-")
    make_dataset(work, args.data)
    os.chdir(work)
    namespace = program_namespace()
    seconds = []
    if args.record:
        sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
        import records

        namespace["timed_epochs"] = epoch_timer(seconds)
        record_started = records.now()
        args.record = os.path.abspath(os.path.join(ROOT, args.record)) if not os.path.isabs(args.record) else args.record
    started = time.time()
    print(f"profiles: {', '.join(args.profiles) or '(none)'}")
    try:
        ran, skipped, _ = run_blocks(namespace, args.profiles, args.until, notebook)
    except OverrideError as error:
        sys.exit(f"override error: {error}")
    except Exception:
        sys.exit(1)
    print(f"ran {ran} blocks, skipped {skipped}, in {time.time() - started:.0f} s")
    if args.record:
        write_chapters_record(namespace, seconds, args, work, record_started)
    print(f"{ran} passed, 0 failed, {skipped} skipped")


if __name__ == "__main__":
    main()
