"""Runs every Python block of the site's chapters, in site order, as one program.

Like a notebook run top to bottom: later chapters use what earlier ones defined. It runs against
a tiny copy of Caltech 101 (a few classes, a few images each, linked from CALTECH101_DIR) in a
temporary folder, so `caltech = Caltech101(root="./data", download=True)` finds it and downloads
nothing. What a test changes is declared in each fence's meta, never hidden in the shown code:

  needs="torchsummary torchviz"   the block needs packages Debian does not ship: if they are
                                  missing, the block is skipped with the reason printed (its
                                  outputs are checked elsewhere: tests/unit/model.test.ts).
  test-after="num_epochs = 1"     a statement run right after the block (the reader still sees
                                  num_epochs = 10; the test trains one short epoch).

Prints how many blocks ran and how many were skipped; exits non-zero on any error, and under
CI=true also when the data set is missing.
"""
import importlib.util
import os
import re
import shlex
import sys
import tempfile
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCS = os.path.join(ROOT, "src", "content", "docs")
CHAPTERS = os.path.join(ROOT, "src", "chapters.ts")
FENCE = re.compile(r"^```python([^\n]*)\n(.*?)^```", re.S | re.M)
# Fences that quote code rather than teach it: the original's mistakes, and excerpts repeated in a tab.
QUOTED = re.compile(r'title="(Original|Auszug[^"]*)"')
TINY_CLASSES = ["Faces", "Leopards", "accordion", "airplanes", "yin_yang"]
TINY_PER_CLASS = 12


def chapter_order():
    return re.findall(r"slug: '([^']+)'", open(CHAPTERS, encoding="utf-8").read())


def fences():
    for slug in chapter_order():
        text = open(os.path.join(DOCS, slug + ".mdx"), encoding="utf-8").read()
        for n, m in enumerate(FENCE.finditer(text), 1):
            meta, code = m.group(1), m.group(2)
            if QUOTED.search(meta):
                continue
            line = text[: m.start()].count("\n") + 1
            opts = dict(re.findall(r'([\w-]+)="([^"]*)"', meta))
            yield {"where": f"{slug}.mdx:{line}", "title": opts.get("title", ""), "code": code, "opts": opts}


def blocks():
    """Fences in order; a fence whose first line is indented continues the one before (a function
    explained in parts) and is joined to it, so the pieces run as the one definition they form."""
    group = None
    for fence in fences():
        first = next((l for l in fence["code"].splitlines() if l.strip()), "")
        if group and first[:1] in (" ", "\t"):
            group["code"] += fence["code"]
            group["opts"].update(fence["opts"])
            group["title"] += " + " + fence["title"]
            continue
        if group:
            yield group
        group = dict(fence, opts=dict(fence["opts"]))
    if group:
        yield group


def make_tiny_dataset(work):
    source = os.environ.get("CALTECH101_DIR", os.path.join(ROOT, "..", "shared", "caltech101"))
    folder = os.path.abspath(os.path.join(source, "101_ObjectCategories"))
    if not os.path.isdir(folder):
        message = f"Caltech 101 not found at {folder} (set CALTECH101_DIR)"
        if os.environ.get("CI"):
            sys.exit(f"CI=true: {message}")
        print(f"SKIP: {message}")
        sys.exit(0)
    target = os.path.join(work, "data", "caltech101", "101_ObjectCategories")
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


def main():
    require_torch()
    os.environ.setdefault("MPLBACKEND", "Agg")  # plt.show() draws nothing without a display
    work = tempfile.mkdtemp(prefix="chapters-")
    make_tiny_dataset(work)
    os.chdir(work)
    namespace = {"__name__": "__main__"}
    ran = skipped = 0
    started = time.time()
    for block in blocks():
        needs = block["opts"].get("needs", "").split()
        missing = [m for m in needs if importlib.util.find_spec(m) is None]
        if missing:
            skipped += 1
            print(f"skip {block['where']} «{block['title']}»: needs {', '.join(missing)}, which Debian does not package "
                  f"(its output is checked by tests/unit/model.test.ts)")
            continue
        print(f"run  {block['where']} «{block['title']}»", flush=True)
        try:
            exec(compile(block["code"], block["where"], "exec"), namespace)
            if "test-after" in block["opts"]:
                print(f"     then, for the test: {block['opts']['test-after']}")
                exec(block["opts"]["test-after"], namespace)
        except Exception:
            traceback.print_exc()
            print(f"FAILED at {block['where']} «{block['title']}»")
            print(f"{ran} passed, 1 failed, {skipped} skipped")
            sys.exit(1)
        ran += 1
    print(f"ran {ran} blocks, skipped {skipped}, in {time.time() - started:.0f} s")
    print(f"{ran} passed, 0 failed, {skipped} skipped")


if __name__ == "__main__":
    main()
