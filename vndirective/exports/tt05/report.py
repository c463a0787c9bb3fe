"""What building a package gives: the PackageReport, and each document as packed (PackedDoc)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...core.model import Directive
from .pdfa import PdfaDeclaration

PACKAGES = ("SIP", "AIP")


@dataclass
class PackageReport:
    """What :func:`build_package` did and why the package is not valid, if it is not.

    ``pdfa`` maps each PDF of the package to the PDF/A it declares ('PDF/A-2b') or None.
    """

    path: Path
    objid: str = ""
    package: str = "SIP"
    documents: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdfa: dict[str, str | None] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.missing and not self.problems


@dataclass
class PackedDoc:
    """One document of a package while it is written."""

    name: str  # file name under data/
    source: Path
    directive: Directive
    data: Path
    ead: Path
    record: Path
    values: dict[str, str]
    pdfa: PdfaDeclaration | None = None
