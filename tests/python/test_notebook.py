"""The chapter runner executes a program notebook's code cells: in order, in one namespace, with the
overrides its cells' metadata declares, `needs=` cells skipped, `%%writefile` cells written."""
import importlib.util
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_chapters  # noqa: E402


def cell(where, source, attributes=()):
    return {"cell_type": "code", "id": where.replace(".", "-").replace(":", "-"), "source": source.splitlines(True),
            "metadata": {"caltech101": {"where": where, "title": where, "attributes": [list(a) for a in attributes]}},
            "execution_count": None, "outputs": []}


NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# not code\n"]},
    cell("a.mdx:1", "%%writefile nb_helper_mod.py\nVALUE = 40\n"),
    cell("a.mdx:5", "import nb_helper_mod\nnum_epochs = 10\nx = nb_helper_mod.VALUE\n", [("test-sub", "num_epochs = 10 => num_epochs = 2")]),
    cell("b.mdx:1", "import a_package_nobody_has\n", [("needs", "a_package_nobody_has")]),
    cell("b.mdx:9", "x += num_epochs\n", [("test-after", "y = x * 10")]),
]}


class RunsTheNotebook(unittest.TestCase):
    def setUp(self):
        self.cwd = os.getcwd()
        self.work = tempfile.mkdtemp(prefix="notebook-test-")
        os.chdir(self.work)

    def tearDown(self):
        os.chdir(self.cwd)
        sys.modules.pop("nb_helper_mod", None)

    def test_runs_cells_in_order_with_the_overrides_in_their_metadata(self):
        namespace = {}
        ran, skipped, stopped = run_chapters.run_blocks(namespace, ["test"], notebook=NOTEBOOK)
        self.assertEqual((ran, skipped, stopped), (3, 1, False))
        self.assertTrue(os.path.exists(os.path.join(self.work, "nb_helper_mod.py")), "%%writefile writes the file")
        self.assertEqual(namespace["num_epochs"], 2)
        self.assertEqual(namespace["x"], 42)
        self.assertEqual(namespace["y"], 420)

    def test_without_the_profile_the_cells_run_as_written(self):
        namespace = {}
        run_chapters.run_blocks(namespace, [], notebook=NOTEBOOK)
        self.assertEqual((namespace["num_epochs"], namespace["x"]), (10, 50))
        self.assertNotIn("y", namespace)

    def test_cell_attributes_are_the_fence_meta_as_overrides_py_reads_it(self):
        import re

        from overrides import parse_meta

        docs = os.path.join(run_chapters.ROOT, "src", "content", "docs")
        for block in run_chapters.blocks():
            slug, line = block["where"].rsplit(":", 1)
            with open(os.path.join(docs, slug), encoding="utf-8") as f:
                fence = f.read().splitlines()[int(line) - 1]
            meta = re.match(r"```python(.*)$", fence).group(1)
            self.assertEqual(block["attributes"][: len(parse_meta(meta))], parse_meta(meta), block["where"])

    def test_the_generated_notebook_is_the_program(self):
        blocks = list(run_chapters.blocks())
        self.assertGreater(len(blocks), 30)
        self.assertTrue(all(b["where"].split(":")[0].endswith(".mdx") for b in blocks))
        self.assertTrue(any("needs" in b["opts"] for b in blocks), "the torchsummary/torchviz cell is kept")


class IsAValidNotebook(unittest.TestCase):
    def test_the_generated_notebook_passes_jupyters_own_schema(self):
        if importlib.util.find_spec("nbformat") is None:
            message = "nbformat missing (apt-get install -y python3-nbformat): Jupyter's schema check skipped"
            if os.environ.get("CI"):
                self.fail(f"CI=true: {message}")
            self.skipTest(message)
        import nbformat

        notebook = nbformat.reads(json.dumps(run_chapters.generate_notebook()), as_version=4)
        nbformat.validate(notebook)
        self.assertEqual((notebook.nbformat, notebook.nbformat_minor), (4, 5))
        broken = json.loads(json.dumps(run_chapters.generate_notebook()))
        broken["cells"][1]["cell_type"] = "program"
        with self.assertRaises(nbformat.ValidationError):
            nbformat.validate(nbformat.from_dict(broken))


if __name__ == "__main__":
    unittest.main()
