"""The chapter "Wie es besser geht" in the profiles' runs: CI (test) runs its blocks with
`weights=None` (no internet), and the device runs stop before it (they measure the chapters up to
the trained SimpleCNN). Needs Node for the notebook generator, not PyTorch.
"""
import io
import os
import sys
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from overrides import apply_overrides  # noqa: E402
import run_chapters  # noqa: E402


def besser_cells():
    if run_chapters.find_node() is None:
        raise unittest.SkipTest("no Node >= 22.6 to generate the program notebook")
    notebook = run_chapters.generate_notebook()
    return [c for c in notebook["cells"] if c["cell_type"] == "code"
            and c.get("metadata", {}).get("caltech101", {}).get("where", "").startswith("besser.mdx")]


class Besser(unittest.TestCase):
    def test_the_device_runs_stop_at_the_chapters_first_block(self):
        first = besser_cells()[0]
        unreached = {"cell_type": "code", "source": "raise RuntimeError('the run went past the stop')",
                     "metadata": {"caltech101": {"where": "besser.mdx:999", "title": "after", "attributes": []}}}
        with redirect_stdout(io.StringIO()):
            ran, skipped, stopped = run_chapters.run_blocks(run_chapters.program_namespace(), ["device"],
                                                            notebook={"cells": [first, unreached]})
        self.assertEqual((ran, skipped, stopped), (1, 0, True))

    def test_the_test_profile_loads_resnet18_without_downloading(self):
        cells = besser_cells()
        sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells]
        [i] = [i for i, s in enumerate(sources) if "resnet18(weights=weights)" in s]
        attrs = [tuple(a) for a in cells[i]["metadata"]["caltech101"]["attributes"]]
        code, _, _ = apply_overrides(sources[i], attrs, ["test"], where="resnet18")
        self.assertIn("resnet18(weights=None)", code)
        self.assertNotIn("resnet18(weights=weights)", code)


if __name__ == "__main__":
    unittest.main()
