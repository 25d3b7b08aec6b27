"""Runs the whole program notebook — every Python block of the site's chapters, in site order.

The notebook is the one the site offers for download (`caltech101-programm.ipynb`): the runner
generates it with scripts/notebook.ts (the one extraction of the chapters' code, also used by the
build) and executes its code cells top to bottom in a real Jupyter kernel (tests/python/kernel_runner.py:
nbclient + ipykernel, Debian's python3-nbclient and python3-ipykernel), so later chapters use what
earlier ones defined and magics, `__name__`, worker processes and the working folder behave as they
do for a learner. It runs against
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
                       [--executor kernel|in-process]
  --notebook FILE run this notebook instead of generating one (generating needs Node >= 22.6:
                  $NODE, .tools/node24/bin/node, $APP/node or `node` on PATH).
  --until WHERE   stop (successfully) after the first block whose location (slug.mdx:line)
                  or title contains WHERE.
  --record FILE   also apply the `record` profile (it times each epoch of the training loop) and
                  write a run record of the corrected recipe (scripts/pytorch/records.py) to FILE:
                  the PyTorch arm "corrected" is the chapters' own program. --name NAME names it,
                  --concurrent says that other runs share the device.
  --executor      kernel (the default where nbclient and ipykernel are installed; under CI=true
                  they must be): the cells run in a Jupyter kernel, the executed notebook is kept as
                  executed.ipynb in the working folder. in-process (the default elsewhere, e.g. a lent
                  GPU machine without Jupyter): the cells run in this process, in one namespace, and
                  a `%%writefile NAME` cell is emulated — written to NAME in the working folder,
                  which is on sys.path.

Prints how many blocks ran and how many were skipped; exits non-zero on any error, and under
CI=true also when the data set is missing.
"""
import argparse
import importlib
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chapters_notebook import GENERATOR, blocks, find_node, generate_notebook, load_notebook  # noqa: E402,F401
from chapters_record import epoch_timer, write_chapters_record  # noqa: E402,F401
from dataset import categories_folder  # noqa: E402
from overrides import OverrideError, apply_overrides  # noqa: E402
import kernel_runner  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TINY_CLASSES = ["Faces", "Leopards", "accordion", "airplanes", "yin_yang"]
TINY_PER_CLASS = 12


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
    parser.add_argument("--executor", choices=("kernel", "in-process"),
                        help="kernel: a Jupyter kernel (default where nbclient and ipykernel are installed); in-process: one namespace here")
    args = parser.parse_args(argv)
    args.profiles = [p for p in args.profile.split(",") if p]
    if args.record and "record" not in args.profiles:
        args.profiles.append("record")
    return args


def run_blocks(namespace, profiles, until=None, notebook=None, kernel=None):
    """Runs the notebook's code cells (default: the generated one) in order in `namespace`, or in
    `kernel` (a kernel_runner.Kernel) when given, applying the profiles' overrides; a cell whose
    `needs` packages are missing is skipped. namespace["__program__"] collects what ran (each
    cell's code after overrides, then its after-statements): the code hash of a record.

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
            if kernel is not None:
                kernel.run(code, block["where"])
                for statement in after:
                    kernel.run(statement, f"{block['where']} (after)")
            else:
                run_code(code, namespace, block["where"])
                for statement in after:
                    exec(compile(statement, f"{block['where']} (after)", "exec"), namespace)
            namespace.setdefault("__program__", []).extend([code, *after])
        except StopProgram as stop:
            print(f"stopped by the program at {block['where']}: {stop}")
            return ran + 1, skipped, True
        except Exception as error:
            if isinstance(error, kernel_runner.CellFailed):
                print(error.traceback)
            elif not isinstance(error, OverrideError):
                traceback.print_exc()
            print(f"FAILED at {block['where']} «{block['title']}»")
            print(f"{ran} passed, 1 failed, {skipped} skipped")
            raise
        ran += 1
        if until and (until in block["where"] or until in block["title"]):
            print(f"stopping after {block['where']} (--until {until})")
            return ran, skipped, True
    return ran, skipped, False


def choose_executor(requested):
    """The executor to use: as requested, else kernel where nbclient and ipykernel are installed.
    A kernel that cannot run ends the run (under CI=true also when not requested)."""
    missing = kernel_runner.missing_modules()
    if requested == "in-process":
        return requested
    if not missing:
        return "kernel"
    message = f"{sys.executable} lacks {', '.join(missing)} for a Jupyter kernel (apt-get install -y {kernel_runner.PACKAGES})"
    if requested == "kernel" or os.environ.get("CI"):
        sys.exit(f"{'CI=true: ' if not requested else ''}{message}")
    print(f"NOTE: {message}: the cells run in this process, in one namespace, %%writefile emulated")
    return "in-process"


TESTS = os.path.dirname(os.path.abspath(__file__))


def kernel_setup(record):
    """The runner's first cell in the kernel (not part of the program): StopProgram for overrides that
    end a run, and with --record the epoch timer the record profile's override calls."""
    lines = ["import sys as _sys", f"_sys.path.insert(0, {TESTS!r})", "import run_chapters as _run_chapters",
             f"_sys.path.remove({TESTS!r})", "del _sys", "StopProgram = _run_chapters.StopProgram"]
    if record:
        lines += ["__record_seconds__ = []", "timed_epochs = _run_chapters.epoch_timer(__record_seconds__)"]
    return "\n".join(lines) + "\n"


def kernel_record(program, args, work, started):
    """The runner's last cell with --record: write_chapters_record on the kernel's namespace, the
    program (what ran, for the code hash) passed in a file, exactly as the in-process runner does."""
    fd, path = tempfile.mkstemp(prefix="program-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"program": program, "args": vars(args)}, f)
    return "\n".join([
        "import argparse as _argparse, json as _json",
        f"with open({path!r}, encoding='utf-8') as _f:",
        "    _runner = _json.load(_f)",
        "_run_chapters.write_chapters_record({**globals(), '__program__': _runner['program']}, __record_seconds__,",
        f"                                   _argparse.Namespace(**_runner['args']), {work!r}, {started!r})",
    ]) + "\n"


def run_in_kernel(args, notebook, work, record_started):
    """Runs the program in a Jupyter kernel in `work`; writes the record there with --record.
    Returns (ran, skipped); exits on a failing cell. The executed notebook is kept as work/executed.ipynb."""
    bookkeeping = {}
    kernel = kernel_runner.Kernel(work, stop=StopProgram)
    try:
        with kernel:
            kernel.run(kernel_setup(args.record), "<runner: setup>")
            ran, skipped, _ = run_blocks(bookkeeping, args.profiles, args.until, notebook, kernel=kernel)
            if args.record:
                kernel.run(kernel_record(bookkeeping.get("__program__", []), args, work, record_started), "<runner: record>")
    except OverrideError as error:
        sys.exit(f"override error: {error}")
    except kernel_runner.CellFailed as error:
        if error.ename == "SystemExit":
            sys.exit(error.evalue)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        sys.exit(1)
    finally:
        kernel.save(os.path.join(work, "executed.ipynb"))
        print(f"executed notebook: {os.path.join(work, 'executed.ipynb')}")
    return ran, skipped


def main(argv=None):
    args = parse_args(argv)
    require_torch()
    executor = choose_executor(args.executor)
    try:
        notebook = load_notebook(os.path.abspath(args.notebook) if args.notebook else None)
    except (OSError, ValueError, RuntimeError) as error:
        sys.exit(f"notebook: {error}")
    cells = sum(c["cell_type"] == "code" for c in notebook["cells"])
    print(f"notebook: {args.notebook or 'generated by scripts/notebook.ts'}, {cells} code cells, run {'in a Jupyter kernel' if executor == 'kernel' else 'in this process'}")
    work = tempfile.mkdtemp(prefix="chapters-")
    make_dataset(work, args.data)
    os.chdir(work)
    seconds = []
    record_started = None
    if args.record:
        sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
        import records

        record_started = records.now()
        args.record = os.path.abspath(os.path.join(ROOT, args.record)) if not os.path.isabs(args.record) else args.record
    started = time.time()
    print(f"profiles: {', '.join(args.profiles) or '(none)'}")
    if executor == "kernel":
        ran, skipped = run_in_kernel(args, notebook, work, record_started)
        print(f"ran {ran} blocks, skipped {skipped}, in {time.time() - started:.0f} s")
        print(f"{ran} passed, 0 failed, {skipped} skipped")
        return
    os.environ.setdefault("MPLBACKEND", "Agg")  # plt.show() draws nothing without a display
    namespace = program_namespace()
    if args.record:
        namespace["timed_epochs"] = epoch_timer(seconds)
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
