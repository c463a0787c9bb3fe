"""Build hook: a wheel compiles the parser's core with mypyc; everything else is pyproject.toml.

The modules below are ordinary, type-annotated Python. A wheel built from this
tree (``pip install .``, ``pip wheel .``, ``python -m build``) also holds them
compiled to C extensions by mypyc, which run the same code about 1.3 times as fast
(benchmarks/README.md); Python imports the extension before the ``.py`` file.
Nothing compiled is needed at run time: without a C compiler, or with
``VNDIRECTIVE_COMPILE=0``, the wheel is pure Python and gives the same results.

An editable install (``pip install -e .``) is never compiled, so that an edited
module is the one that runs.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

COMPILED = [
    "vndirective/normalize.py",
    "vndirective/codes.py",
    "vndirective/patterns.py",
    "vndirective/legacy.py",
    "vndirective/messages.py",
    "vndirective/lines.py",
    "vndirective/segment.py",
    "vndirective/ids.py",
    "vndirective/extract/header.py",
    "vndirective/extract/recipients.py",
    "vndirective/extract/references.py",
    "vndirective/extract/tasks.py",
    "vndirective/extract/items.py",
    "vndirective/extract/distribution.py",
    "vndirective/extract/signature.py",
]

_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def _ext_modules() -> list:
    """The mypyc extensions, or none when this build is not a wheel or compiling is off or impossible."""
    if os.environ.get("VNDIRECTIVE_COMPILE", "1") == "0" or not _BUILDS & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("vndirective: mypyc not available, building pure Python", file=sys.stderr)
        return []
    try:
        extensions = mypycify(COMPILED, opt_level="3")
    except (Exception, SystemExit) as exc:  # mypy found an error (it exits): the pure-Python wheel still works
        print(f"vndirective: not compiled ({exc}), building pure Python", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # no C compiler: build_ext skips it and the .py modules run
    return extensions


setup(ext_modules=_ext_modules())
