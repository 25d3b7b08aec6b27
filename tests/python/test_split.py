"""The committed split (src/data/splits/chapters.json) is the one the chapters' own code draws.

Runs the chapters' split blocks, as shown, for Caltech 101's 8,677 images and compares. Needs
PyTorch: outside CI it skips with the reason when torch is missing, under CI=true it fails.
"""
import importlib.util
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_chapters  # noqa: E402

SPLIT_FILE = os.path.join(run_chapters.ROOT, "src", "data", "splits", "chapters.json")
HAVE_TORCH = importlib.util.find_spec("torch") is not None
if not HAVE_TORCH and os.environ.get("CI"):
    raise RuntimeError("CI=true: torch is missing (apt-get install -y python3-torch)")


@unittest.skipUnless(HAVE_TORCH, "torch is not installed for this Python (apt-get install -y python3-torch)")
class ChaptersSplit(unittest.TestCase):
    def test_the_committed_split_is_what_the_chapters_code_draws(self):
        import torch

        wanted = ("Größen der beiden Teile", "Zufällige, aber reproduzierbare Reihenfolge")
        blocks = [b for b in run_chapters.blocks() if b["title"] in wanted]
        self.assertEqual([b["title"] for b in blocks], list(wanted))
        namespace = {"torch": torch, "caltech": range(8677)}
        for block in blocks:
            exec(compile(block["code"], block["where"], "exec"), namespace)
        with open(SPLIT_FILE, encoding="utf-8") as f:
            split = json.load(f)
        self.assertEqual(split["n"], 8677)
        self.assertEqual(namespace["train_indices"], split["train"])
        self.assertEqual(namespace["val_indices"], split["val"])


if __name__ == "__main__":
    unittest.main()
