"""The notebooks in notebooks/ run from top to bottom without errors, and are committed without outputs.

Executing them needs the `notebooks` extra (nbclient, nbformat, ipykernel, pandas); the tests skip
without it. The kernel is started from a kernel spec written into a temporary folder that points at
this interpreter, so a stale or foreign user-level 'python3' kernel spec cannot be picked up instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
KERNEL_NAME = "vndirective-test-python3"
CELL_TIMEOUT = 120


def test_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    assert "01_quickstart.ipynb" in names
    assert "02_corpus_exploration.ipynb" in names
    assert "03_assignments_followup.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path: Path):
    # Plain JSON, so this runs without the notebooks extra.
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs or an execution count; strip them before committing (e.g. `jupyter nbconvert --clear-output --inplace {path.name}`)"
    )


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("ipykernel")
    from ipykernel.kernelspec import write_kernel_spec

    kernels = tmp_path_factory.mktemp("kernels")
    # argv is [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]: this interpreter.
    write_kernel_spec(kernels / KERNEL_NAME, overrides={"display_name": "vndirective tests"})
    return kernels


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, kernel_dir: Path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("networkx")
    pytest.importorskip("matplotlib")
    if path.name.startswith("01_"):
        pytest.importorskip("pdfplumber")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]))
    client = nbclient.NotebookClient(
        nb,
        km=km,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},  # the kernel's working directory, as in Jupyter
    )
    client.execute()  # raises CellExecutionError on the first cell that fails

    assert km.kernel_spec is not None and km.kernel_spec.argv[0] == sys.executable
    errors = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs if out.output_type == "error"]
    assert not errors, errors
    if path.name.startswith("02_"):
        images = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs if "image/png" in out.get("data", {})]
        assert len(images) >= 2, "plot_neighbourhood drew no figure"
    if path.name.startswith("01_"):
        html = [out for out in nb.cells[1].outputs if "text/html" in out.get("data", {})]
        assert html, "the Directive card (_repr_html_) did not render"
