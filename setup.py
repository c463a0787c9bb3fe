"""Build hook: the parser's core compiled with mypyc, on request only; everything else is pyproject.toml.

By default every build (``pip install .``, ``pip install -e .``, ``pip wheel .``) is pure
Python and needs no compiler. ``VNDIRECTIVE_COMPILE=1`` asks for a wheel whose core
(the modules below) is also compiled to C extensions by mypyc, which run the same code
about 1.3 times as fast (benchmarks/README.md); Python imports the extension before the
``.py`` file. mypyc must be installed in the building environment, so build without
isolation::

    pip install "mypy==2.4.1" "setuptools>=70.1"
    VNDIRECTIVE_COMPILE=1 pip wheel --no-build-isolation --no-deps -w dist .

A requested compile that cannot be done (no mypyc, a type error, no C compiler) stops
the build with the reason instead of falling back to Python in silence.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

COMPILE_SWITCH = "VNDIRECTIVE_COMPILE"
MYPY_PIN = "mypy==2.4.1"  # a newer mypy may read the code otherwise

# Not core/extract/result.py: mypyc compiles a generic dataclass that then fails at import ("attribute __dict__ of type objects is not writable").
COMPILED = [
    "vndirective/core/normalize.py",
    "vndirective/core/codes.py",
    "vndirective/core/patterns.py",
    "vndirective/core/legacy.py",
    "vndirective/core/messages.py",
    "vndirective/core/rules.py",
    "vndirective/core/lines.py",
    "vndirective/core/zones.py",
    "vndirective/core/ids.py",
    "vndirective/core/extract/header.py",
    "vndirective/core/extract/recipients.py",
    "vndirective/core/extract/references.py",
    "vndirective/core/extract/relations.py",
    "vndirective/core/extract/tasks.py",
    "vndirective/core/extract/items.py",
    "vndirective/core/extract/distribution.py",
    "vndirective/core/extract/signature.py",
]

_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def _fail(reason: str) -> SystemExit:
    return SystemExit(f"vndirective: {COMPILE_SWITCH}=1 asked for the compiled core, but {reason}")


def _ext_modules() -> list:
    """The mypyc extensions when compiling was asked for and this build makes a wheel; else none."""
    if os.environ.get(COMPILE_SWITCH, "0") != "1" or not _BUILDS & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        raise _fail(f"mypyc is not installed here: pip install '{MYPY_PIN}' 'setuptools>=70.1', then build with --no-build-isolation") from None
    try:
        return mypycify(COMPILED, opt_level="3")
    except (Exception, SystemExit) as exc:  # mypy reports a type error by exiting
        raise _fail(f"mypyc could not compile it: {exc}") from exc


setup(ext_modules=_ext_modules())
