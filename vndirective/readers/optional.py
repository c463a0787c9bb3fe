"""Optional dependencies of the readers: imported on first use, or a typed error naming the extra to install."""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import UnsupportedFormat


def require(module: str, what: str, extra: str) -> Any:
    """The module ``module``, or :class:`UnsupportedFormat` saying that ``what`` needs it and which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        package = module.split(".")[0].replace("docx", "python-docx")
        raise UnsupportedFormat(f"{what} needs {package}: pip install 'vndirective[{extra}]'") from exc
