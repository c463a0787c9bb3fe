"""Archive packages of a hồ sơ (Thông tư 05/2025/TT-BNV): build, validate, read back.

``build_package(folder, out, settings)`` parses every document of a folder and writes a
``SIP_hoso`` (``package="AIP"``: an ``AIP_hoso``) as E-ARK CSIP lays it out: a root ``METS.xml``
listing the schemas and the representation's own ``METS.xml``; the file's
``metadata/descriptive/EAD.xml``; under ``representations/rep1`` the originals, one
``EAD_doc_<name>.xml`` per document and each document's ``Directive.to_dict()`` for an exact
round trip (:func:`read_package`); for an AIP, PREMIS preservation metadata. ``zip=True``
writes the package as a ZIP named by the SIP rule. :func:`validate_package` checks a folder or
a ZIP: every METS against the bundled METS 1.12.1 XSD, checksums, references, the simpledc
records, PREMIS. Element lists, code lists, folder names and the choices made where the
sources disagree are in ``data/tt05.json`` (see ``docs/archive.md``).

One module per part: ``build`` (packing), ``mets``, ``premis``, ``signatures`` (PREMIS signatureInformation), ``ead`` (EAD, EAD_doc),
``values`` (element values and their check), ``pdfa``, ``files`` (hrefs, checksums),
``safezip`` (opening a folder or a ZIP), ``validate`` (checking, reading back), ``xmlkit``;
the settings and code lists shared with the Nghị định 30 records are in
:mod:`vndirective.exports.settings`.
"""

from __future__ import annotations

from ..settings import ArchiveSettings
from ..settings import normalize_code as normalize_code
from ..settings import required_settings as required_settings
from ..settings import tt05 as tt05
from .build import DOC_SUFFIXES as DOC_SUFFIXES
from .build import build_package, write_zip
from .ead import simpledc as simpledc
from .ead import simpledc_xsd as simpledc_xsd
from .files import href_of as href_of
from .files import href_target as href_target
from .mets import new_objid as new_objid
from .mets import package_folder as package_folder
from .mets import zip_name
from .pdfa import PdfaDeclaration, pdfa_declaration
from .report import PACKAGES as PACKAGES
from .report import PackageReport
from .validate import check_premis, mets_schema, read_package, validate_package
from .values import TZ as TZ
from .values import arc_file_code as arc_file_code
from .values import check_record as check_record
from .values import doc_values as doc_values
from .values import file_values as file_values
from .values import notation as notation
from .values import typename_code as typename_code
from .xmlkit import XLINK as XLINK
from .xmlkit import XSI as XSI

__all__ = [
    "ArchiveSettings",
    "PackageReport",
    "PdfaDeclaration",
    "build_package",
    "check_premis",
    "mets_schema",
    "pdfa_declaration",
    "read_package",
    "validate_package",
    "write_zip",
    "zip_name",
]

# The old names of vndirective.archive, kept for one release.
type_code = typename_code
_target = href_target
