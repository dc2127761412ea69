"""What counts as a term's name: folding, slugs, dictionary order, lookup keys and the forms
a name takes in running text.

The lowest layer: plain functions on strings, read by every other part of Termbook.
"""

from termbook.names.folding import (
    filter_keys,
    fold,
    is_valid_slug,
    letter_of,
    normalize_name,
    slugify,
    sort_key,
)
from termbook.names.forms import (
    APOSTROPHES,
    HYPHENS,
    MAX_NAME,
    exact_form,
    fold_char,
    fold_same_length,
    fold_text,
    is_acronym,
    is_unspaced,
    key_of,
    surface_forms,
)

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "MAX_NAME",
    "exact_form",
    "filter_keys",
    "fold",
    "fold_char",
    "fold_same_length",
    "fold_text",
    "is_acronym",
    "is_unspaced",
    "is_valid_slug",
    "key_of",
    "letter_of",
    "normalize_name",
    "slugify",
    "sort_key",
    "surface_forms",
]
