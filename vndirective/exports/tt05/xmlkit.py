"""The XML of a package: lxml (optional), the namespaces, the safe parser, reading and writing a file, the bundled schemas."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ..settings import tt05

try:
    from lxml import etree
except ImportError:  # pragma: no cover - depends on the install
    etree = None

XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def require_lxml() -> Any:
    """lxml's etree, or an ImportError saying how to install it."""
    if etree is None:
        raise ImportError("vndirective.exports.tt05 needs lxml: pip install 'vndirective[archive]'")
    return etree


def mets_tag(tag: str) -> str:
    """A METS element name in Clark notation."""
    return f"{{{tt05()['mets']['namespace']}}}{tag}"


def csip(name: str) -> str:
    """An E-ARK CSIP attribute name in Clark notation."""
    return f"{{{tt05()['mets']['csip_namespace']}}}{name}"


def xlink(name: str) -> str:
    """An xlink attribute name in Clark notation."""
    return f"{{{XLINK}}}{name}"


def local_name(el: Any) -> str:
    """The tag of an element without its namespace."""
    return str(etree.QName(el).localname)


def safe_parser() -> Any:
    """A parser that resolves no entity, loads no DTD and never reaches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)


def read_xml(path: Path, problems: list[str], label: str) -> Any:
    """The root element of an XML file, or None with the reason appended to ``problems``."""
    try:
        return etree.parse(str(path), safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        problems.append(f"{label}: not well-formed XML ({exc})")
        return None


def write_xml(path: Path, element: Any) -> Path:
    """Write an element as a UTF-8 XML file (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return path


def bundled_schemas() -> Any:
    """The folder ``data/schemas`` of the installed package (METS 1.12.1 and its xlink import)."""
    return resources.files("vndirective").joinpath("data").joinpath("schemas")
