"""Termbook: a folder of YAML term files becomes a cross-linked dictionary website.

The core (loading, validation, the glossary model, rendering, linking, exports) never imports
MkDocs; `termbook.plugin` adapts it to MkDocs events.
"""

from termbook.glossary.loader import LoadResult, load_glossary
from termbook.glossary.model import Category, Glossary, Term
from termbook.glossary.problems import Problem, Severity

__all__ = ["Category", "Glossary", "LoadResult", "Problem", "Severity", "Term", "load_glossary"]
__version__ = "0.1.0"
