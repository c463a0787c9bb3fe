"""The EAD records of a package (EAD.xml, EAD_doc_*.xml, in the simpledc shape): written in table order, their XSD, read back."""

from __future__ import annotations

from functools import cache
from typing import Any

from .values import elements_of
from .xmlkit import etree, safe_parser


def simpledc(values: dict[str, str], elements: list[dict[str, Any]]) -> bytes:
    """A ``<simpledc>`` document with the elements in table order (UTF-8)."""
    root = etree.Element("simpledc")
    for el in elements:
        etree.SubElement(root, el["name"]).text = values.get(el["name"], "")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def simpledc_xsd(elements: list[dict[str, Any]]) -> bytes:
    """An XSD of the simpledc shape: every listed element once (optional ones may be absent), any order."""
    xs = "http://www.w3.org/2001/XMLSchema"
    schema = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs})
    top = etree.SubElement(schema, f"{{{xs}}}element", name="simpledc")
    group = etree.SubElement(etree.SubElement(top, f"{{{xs}}}complexType"), f"{{{xs}}}all")
    for el in elements:
        etree.SubElement(group, f"{{{xs}}}element", name=el["name"], type="xs:string", minOccurs="1" if el["required"] else "0")
    return bytes(etree.tostring(schema, xml_declaration=True, encoding="UTF-8", pretty_print=True))


@cache
def simpledc_schema(level: str, package: str) -> Any:
    """The compiled XSD of a level's simpledc records ('file_elements': EAD.xml, 'doc_elements': EAD_doc)."""
    return etree.XMLSchema(etree.fromstring(simpledc_xsd(elements_of(level, package)), safe_parser()))


def record_of(root: Any) -> dict[str, str]:
    """The values of a parsed simpledc record, by element name."""
    return {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}
