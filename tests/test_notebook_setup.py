"""A user following the README can open and run the notebooks (issue 15).

Before, the README said `pip install -e ".[notebooks]"`, an extra with nbclient and ipykernel but no
notebook front end: nothing to open a notebook with. Now a `jupyter` extra brings JupyterLab and
nbconvert (and the readers the quickstart uses), the README says how to start it, and the tests'
own install (the `test` extra, which CI installs) stays without that stack.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _extras() -> dict[str, list[str]]:
    return _project()["optional-dependencies"]


def _names(requirements: list[str]) -> set[str]:
    """Package names of requirements, and this project's extras as 'vndirective[EXTRA]'."""
    names = set()
    for r in requirements:
        own = re.fullmatch(r"vndirective\[([^\]]+)\]", r)
        if own:
            names |= {f"vndirective[{e.strip()}]" for e in own.group(1).split(",")}
        else:
            names.add(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower())
    return names


def test_the_jupyter_extra_brings_a_front_end_and_what_the_notebooks_import() -> None:
    extras = _extras()
    jupyter = _names(extras["jupyter"])
    assert jupyter & {"jupyterlab", "notebook"}, "no notebook front end in the jupyter extra"
    assert "nbconvert" in jupyter  # `jupyter nbconvert --execute` and `--clear-output`, as the README says
    assert "vndirective[notebooks]" in jupyter  # ipykernel, pandas, networkx, matplotlib
    assert "vndirective[formats]" in jupyter  # the quickstart's Word and PDF part
    # The tests run the notebooks with nbclient: CI does not install a front end.
    test = _names(extras["test"])
    assert "vndirective[notebooks]" in test and "vndirective[jupyter]" not in test
    assert not _names(extras["notebooks"]) & {"jupyterlab", "notebook"}
    assert not _names(_project()["dependencies"]) & {"jupyterlab", "notebook", "nbconvert", "ipykernel"}  # the base install stays light


def test_the_readme_says_how_to_open_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Notebooks\n", 1)[1].split("\n## ", 1)[0]
    assert 'pip install -e ".[jupyter]"' in section
    assert "jupyter lab notebooks/" in section
    assert "jupyter nbconvert --to html --execute notebooks/" in section
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"notebooks/{path.name}" in section, path.name
