"""Reading term files: safe YAML with positions, the schema, the glossary model, each entry
rendered once, and the problems found on the way.
"""

from termbook.glossary.entries import Entry
from termbook.glossary.loader import LoadResult, load_glossary
from termbook.glossary.model import Category, Glossary, Image, Source, Term
from termbook.glossary.problems import Problem, Severity, format_problems, sort_problems
from termbook.glossary.rendered import RenderedGlossary, check_terms

__all__ = [
    "Category",
    "Entry",
    "Glossary",
    "Image",
    "LoadResult",
    "Problem",
    "RenderedGlossary",
    "Severity",
    "Source",
    "Term",
    "check_terms",
    "format_problems",
    "load_glossary",
    "sort_problems",
]
