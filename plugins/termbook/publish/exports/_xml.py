"""XML helpers the exports share: text XML can carry, and deterministic serialisation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml_text(text: str) -> str:
    """Text without the control characters XML 1.0 cannot hold (the parser would reject them)."""
    return _NOT_XML.sub("", text)


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element with (cleaned) text; attributes are cleaned too."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def serialize(root: ET.Element) -> str:
    """UTF-8 XML with a declaration, indented, attributes in the order they were set."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
