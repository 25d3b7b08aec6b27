"""The original-recipe PyTorch arm (scripts/pytorch/reference_original.py) runs end to end on a tiny
configuration and writes a valid record on the shared split. Needs PyTorch and Caltech 101: outside
CI it skips with the reason when either is missing, under CI=true it fails.
"""
import importlib.util
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import ROOT, categories_folder, dataset_root  # noqa: E402

CATS = categories_folder()
MISSING = [m for m in ("torch", "torchvision") if importlib.util.find_spec(m) is None] + ([] if os.path.isdir(CATS) else [CATS])
if MISSING and os.environ.get("CI"):
    raise RuntimeError(f"CI=true: missing {', '.join(MISSING)}")


@unittest.skipIf(MISSING, f"missing {', '.join(MISSING)} (python3-torch python3-torchvision, CALTECH101_DIR)")
class OriginalArm(unittest.TestCase):
    def test_trains_a_tiny_configuration_on_the_shared_split_and_writes_a_record(self):
        sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
        import reference_original

        os.environ["CALTECH101_DIR"] = dataset_root()  # the arm's own default is not the tests' one
        out = os.path.join(tempfile.mkdtemp(prefix="arm-"), "r.json")
        reference_original.main(["--classes", "2", "--per-class", "4", "--size", "16", "--epochs", "1", "--batch", "4", "--seed", "3", "--out", out])
        with open(out, encoding="utf-8") as f:
            record = json.load(f)
        self.assertEqual(record["format"], 2)
        self.assertEqual(record["images"], {"train": 8, "val": 2})
        self.assertTrue(record["config"]["split"].startswith("chapters:"))
        self.assertEqual(record["provenance"]["precision"]["mode"], "fp32")
        self.assertEqual(record["config"]["recipe"], "original")
        self.assertEqual(len(record["epochs"]), 1)


if __name__ == "__main__":
    unittest.main()
