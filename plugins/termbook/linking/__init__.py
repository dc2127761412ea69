"""Names and linking in HTML: every mention of a term becomes a link; the link graph."""

from termbook.linking._match import Matcher, Mention
from termbook.linking.graph import LinkGraph, build_graph, linker_for
from termbook.linking.linker import Linker, LinkResult, LinkTarget

__all__ = [
    "LinkGraph",
    "LinkResult",
    "LinkTarget",
    "Linker",
    "Matcher",
    "Mention",
    "build_graph",
    "linker_for",
]
