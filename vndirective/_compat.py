"""Old import paths kept for one release: a moved module is reachable under its old name, with a DeprecationWarning.

The old module *is* the new one (``sys.modules`` holds one object under both names), so a
name patched or read through either path is the same name.
"""

from __future__ import annotations

import importlib
import sys
import warnings


def moved(old: str, new: str) -> None:
    """Make module ``old`` an alias of module ``new`` and warn the importer that ``old`` is deprecated."""
    warnings.warn(
        f"{old} is deprecated and will be removed in the next release: import {new} instead",
        DeprecationWarning,
        stacklevel=3,  # the importer's line (the import machinery's frames are skipped)
    )
    sys.modules[old] = importlib.import_module(new)
