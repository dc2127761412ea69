"""Termbook: a folder of YAML term files becomes a cross-linked dictionary website.

The core (loading, validation, the glossary model, rendering, linking, exports) never imports
MkDocs; `termbook.plugin` adapts it to MkDocs events.
"""

from .loader import LoadResult, load_glossary
from .model import Category, Glossary, Term
from .problems import Problem, Severity

__all__ = ["Category", "Glossary", "LoadResult", "Problem", "Severity", "Term", "load_glossary"]
__version__ = "0.1.0"
