"""Runs code cells in a real Jupyter kernel, as a learner's Jupyter does: nbclient starts an
ipykernel (Debian's python3-nbclient and python3-ipykernel) on the runner's own Python, in the
notebook's working folder. So `%%writefile` and other magics, `__name__`, DataLoader worker
processes, the working folder and matplotlib's inline backend behave as they do for the learner
— nothing is emulated. tests/python/run_chapters.py sends it the program notebook's cells one by
one (with the profile's overrides written into them) and keeps the executed notebook.

Cell outputs are printed while they arrive (training progress stays visible); a failing cell
raises CellFailed with the kernel's traceback; a cell that raises StopProgram (an override that
ends a run early on purpose) raises the runner's StopProgram.
"""
import importlib.util
import json
import os
import sys
import tempfile

KERNEL_NAME = "caltech101-runner"
MODULES = ("nbclient", "nbformat", "ipykernel")
PACKAGES = "python3-nbclient python3-ipykernel"


def missing_modules():
    """The modules a real kernel needs that this Python lacks."""
    return [m for m in MODULES if importlib.util.find_spec(m) is None]


class CellFailed(Exception):
    """A cell raised in the kernel: `ename`, `evalue` and the kernel's `traceback` (text)."""

    def __init__(self, ename, evalue, traceback):
        super().__init__(f"{ename}: {evalue}")
        self.ename, self.evalue, self.traceback = ename, evalue, traceback


def kernel_spec_dir(python):
    """A Jupyter data folder with one kernel spec: ipykernel on `python` (the runner's interpreter,
    whatever kernel specs this machine has installed)."""
    folder = tempfile.mkdtemp(prefix="runner-jupyter-")
    spec = os.path.join(folder, "kernels", KERNEL_NAME)
    os.makedirs(spec)
    with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump({"argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "Python 3", "language": "python",
                   # debugpy inside ipykernel warns about frozen modules on every start: noise, not the program
                   "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}}, f)
    return folder


class Kernel:
    """One kernel for a whole program: `with Kernel(work) as k: k.run(source, where)`."""

    def __init__(self, work, stop=None, python=sys.executable):
        import nbclient
        import nbformat

        self.work, self.stop = work, stop
        os.environ["JUPYTER_PATH"] = kernel_spec_dir(python) + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        self.notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "Python 3", "language": "python"}})
        self._new_cell = nbformat.v4.new_code_cell

        class LiveClient(nbclient.NotebookClient):
            def output(self, outs, msg, display_id, cell_index):
                out = super().output(outs, msg, display_id, cell_index)
                if msg["msg_type"] == "stream":
                    stream = sys.stderr if msg["content"]["name"] == "stderr" else sys.stdout
                    stream.write(msg["content"]["text"])
                    stream.flush()
                return out

        # no time limit per cell (a full training run takes hours on a CPU); the working folder as in Jupyter
        self.client = LiveClient(self.notebook, kernel_name=KERNEL_NAME, timeout=None, allow_errors=False,
                                 resources={"metadata": {"path": work}})
        self._context = None

    def __enter__(self):
        self._context = self.client.setup_kernel()
        self._context.__enter__()
        return self

    def __exit__(self, *exc):
        self._context.__exit__(*exc)
        return False

    def run(self, source, where=""):
        """Executes `source` as the notebook's next code cell; raises CellFailed, or `stop` for a StopProgram."""
        from nbclient.exceptions import CellExecutionError

        cell = self._new_cell(source, metadata={"caltech101": {"where": where}} if where else {})
        self.notebook.cells.append(cell)
        try:
            self.client.execute_cell(cell, len(self.notebook.cells) - 1)
        except CellExecutionError as error:
            if error.ename == "StopProgram" and self.stop is not None:
                raise self.stop(error.evalue) from None
            tb = next((o.get("traceback") for o in cell.outputs if o.get("output_type") == "error"), None)
            raise CellFailed(error.ename, error.evalue, "\n".join(tb) if tb else str(error)) from None

    def save(self, path):
        """Writes the executed notebook (cells and their outputs) to `path`."""
        import nbformat

        nbformat.write(self.notebook, path)
