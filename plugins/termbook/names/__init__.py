"""What counts as a term's name: folding, slugs, dictionary order, lookup keys, and the forms
a name takes in running text (inflections, acronym case, word boundaries).

The lowest layer and the one owner of these rules: the linker, search, hints, exports and the
site's and widget's scripts (through :mod:`termbook.names.script`) all read them from here.
Every decided edge case is pinned in ``tests/test_names.py``.
"""

from termbook.names.folding import (
    APOSTROPHES,
    HYPHENS,
    exact_form,
    filter_attribute,
    filter_keys,
    fold,
    fold_char,
    fold_same_length,
    fold_table,
    is_valid_slug,
    key_of,
    letter_of,
    normalize_name,
    same_length_table,
    search_key,
    slugify,
    sort_key,
)
from termbook.names.forms import (
    INLINE_TAGS,
    MAX_NAME,
    base_forms,
    is_acronym,
    is_matchable,
    is_unspaced,
    is_word_char,
    plural,
    singular,
    surface_forms,
)

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "INLINE_TAGS",
    "MAX_NAME",
    "base_forms",
    "exact_form",
    "filter_attribute",
    "filter_keys",
    "fold",
    "fold_char",
    "fold_same_length",
    "fold_table",
    "is_acronym",
    "is_matchable",
    "is_unspaced",
    "is_valid_slug",
    "is_word_char",
    "key_of",
    "letter_of",
    "normalize_name",
    "plural",
    "same_length_table",
    "search_key",
    "singular",
    "slugify",
    "sort_key",
    "surface_forms",
]
