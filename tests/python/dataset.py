"""Where the Python tests find Caltech 101: where the README says — CALTECH101_DIR, else where
`npm run data` puts it (CACHE_DIR of src/lib/data/caltech101-node.ts, read from that file so the
default lives in one place). Never a folder outside the project."""
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIBRARY = os.path.join(ROOT, "src", "lib", "data", "caltech101-node.ts")


def cache_dir():
    """The data library's download folder (its `export const CACHE_DIR = '…'`), absolute."""
    with open(LIBRARY, encoding="utf-8") as f:
        m = re.search(r"export const CACHE_DIR = '([^']+)'", f.read())
    if not m:
        raise RuntimeError(f"{LIBRARY} no longer declares `export const CACHE_DIR = '…'`: update tests/python/dataset.py")
    return os.path.join(ROOT, m.group(1))


def dataset_root():
    """The folder that holds 101_ObjectCategories/ (it may not exist)."""
    return os.path.abspath(os.environ.get("CALTECH101_DIR") or cache_dir())


def categories_folder():
    """The 101_ObjectCategories/ folder of the data set (it may not exist)."""
    return os.path.join(dataset_root(), "101_ObjectCategories")
