"""The chapter runner executes a program notebook's code cells: in order, with the overrides its
cells' metadata declares, `needs=` cells skipped — in a real Jupyter kernel (nbclient + ipykernel),
where magics, `__name__`, worker processes and the working folder are the learner's, and in one
namespace here (`--executor in-process`, `%%writefile` emulated) where Jupyter is missing."""
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


KERNEL_MISSING = run_chapters.kernel_runner.missing_modules()
if KERNEL_MISSING and os.environ.get("CI"):
    raise RuntimeError(f"CI=true: missing {', '.join(KERNEL_MISSING)} (apt-get install -y {run_chapters.kernel_runner.PACKAGES})")

# What a learner's kernel does, checked from inside: a DataLoader's worker processes import the
# %%writefile module from the working folder; the facts are written to facts.json for the test.
LEARNER = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    cell("c.mdx:1", "%%writefile nb_worker_mod.py\nimport os\n\nclass Squares:\n    def __len__(self):\n        return 4\n\n"
                    "    def __getitem__(self, i):\n        return i * i, os.getpid()\n"),
    cell("c.mdx:12", "import json, os, sys\nimport torch\nfrom torch.utils.data import DataLoader\nimport nb_worker_mod\n"
                     "batches = list(DataLoader(nb_worker_mod.Squares(), batch_size=2, num_workers=2))\n"
                     "facts = {'name': __name__, 'cwd': os.getcwd(), 'pid': os.getpid(), 'squares': [int(v) for b in batches for v in b[0]],\n"
                     "         'worker_pids': sorted({int(p) for b in batches for p in b[1]}), 'ipython': 'get_ipython' in dir(),\n"
                     "         'epochs': num_epochs}\n"
                     "print('learner cell ran')\n", [("test-sub", "'epochs': num_epochs => 'epochs': 1")]),
    cell("c.mdx:30", "num_epochs = 3\n"),
    cell("c.mdx:40", "with open('facts.json', 'w') as f:\n    json.dump(facts, f)\n", [("test-after", "raise StopProgram('enough')")]),
    cell("c.mdx:50", "raise RuntimeError('never reached')\n"),
]}


@unittest.skipIf(KERNEL_MISSING, f"missing {', '.join(KERNEL_MISSING)} (apt-get install -y {run_chapters.kernel_runner.PACKAGES})")
class RunsInAJupyterKernel(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="kernel-test-")

    def run_kernel(self, notebook, profiles):
        bookkeeping = {}
        with run_chapters.kernel_runner.Kernel(self.work, stop=run_chapters.StopProgram) as kernel:
            kernel.run(run_chapters.kernel_setup(record=False), "<setup>")
            result = run_chapters.run_blocks(bookkeeping, profiles, notebook=notebook, kernel=kernel)
        return result, bookkeeping

    def test_magics_name_workers_and_folder_are_the_learners(self):
        if importlib.util.find_spec("torch") is None:
            self.skipTest("torch missing")
        notebook = json.loads(json.dumps(LEARNER))
        notebook["cells"].insert(1, cell("c.mdx:10", "num_epochs = 10\n"))
        (ran, skipped, stopped), _ = self.run_kernel(notebook, ["test"])
        self.assertEqual((ran, skipped, stopped), (5, 0, True), "StopProgram from an override ends the run as a success")
        with open(os.path.join(self.work, "facts.json"), encoding="utf-8") as f:
            facts = json.load(f)
        self.assertEqual(facts["name"], "__main__")
        self.assertEqual(os.path.realpath(facts["cwd"]), os.path.realpath(self.work))
        self.assertTrue(facts["ipython"], "the cells run in IPython")
        self.assertNotEqual(facts["pid"], os.getpid(), "the kernel is its own process")
        self.assertEqual(facts["squares"], [0, 1, 4, 9])
        self.assertEqual(len(facts["worker_pids"]), 2, "two DataLoader workers imported the %%writefile module")
        self.assertNotIn(facts["pid"], facts["worker_pids"])
        self.assertEqual(facts["epochs"], 1, "the test profile's substitution was written into the cell")
        self.assertTrue(os.path.exists(os.path.join(self.work, "nb_worker_mod.py")), "IPython's own %%writefile wrote the file")

    def test_a_failing_cell_stops_the_run_with_the_kernels_traceback(self):
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            cell("d.mdx:1", "x = 1\n"), cell("d.mdx:5", "y = undefined_name + x\n"), cell("d.mdx:9", "z = 3\n")]}
        with self.assertRaises(run_chapters.kernel_runner.CellFailed) as caught:
            self.run_kernel(notebook, [])
        self.assertEqual(caught.exception.ename, "NameError")
        self.assertIn("undefined_name", caught.exception.traceback)

    def test_the_program_behind_the_code_hash_is_the_same_as_in_process(self):
        _, in_kernel = self.run_kernel(NOTEBOOK, ["test"])
        os.chdir(self.work)
        try:
            namespace = {}
            run_chapters.run_blocks(namespace, ["test"], notebook=NOTEBOOK)
        finally:
            os.chdir(run_chapters.ROOT)
            sys.modules.pop("nb_helper_mod", None)
        self.assertEqual(in_kernel["__program__"], namespace["__program__"])
        self.assertIn("y = x * 10", in_kernel["__program__"])


class ChoosesTheKernel(unittest.TestCase):
    def choose(self, requested, missing, ci):
        from unittest import mock

        env = {"CI": "true"} if ci else {"CI": ""}
        with mock.patch.object(run_chapters.kernel_runner, "missing_modules", return_value=missing), mock.patch.dict(os.environ, env):
            return run_chapters.choose_executor(requested)

    def test_a_kernel_wherever_jupyter_is_installed(self):
        self.assertEqual(self.choose(None, [], ci=False), "kernel")
        self.assertEqual(self.choose(None, [], ci=True), "kernel")

    def test_without_jupyter_in_process_outside_ci_and_a_clear_failure_in_ci(self):
        self.assertEqual(self.choose(None, ["nbclient"], ci=False), "in-process")
        with self.assertRaises(SystemExit) as caught:
            self.choose(None, ["nbclient", "ipykernel"], ci=True)
        self.assertEqual(str(caught.exception).split(" lacks ")[1], "nbclient, ipykernel for a Jupyter kernel (apt-get install -y python3-nbclient python3-ipykernel)")
        self.assertTrue(str(caught.exception).startswith("CI=true: "))

    def test_asked_for_explicitly(self):
        self.assertEqual(self.choose("in-process", [], ci=True), "in-process")
        with self.assertRaises(SystemExit):
            self.choose("kernel", ["ipykernel"], ci=False)


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
