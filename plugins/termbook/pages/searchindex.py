"""Shape a lunr search index (Material for MkDocs' `search_index.json`) for a dictionary.

A plain site indexes every section of every page, so a 5,000-term glossary ships megabytes of
text nobody searches for, and its search knows nothing of aliases. Here each term is one small
document: its name as the title, its aliases and first sentence as the text a result shows,
and two fields the reader never sees:

- `names`: each alias word, each word folded without accents or punctuation ("scene", "pa",
  "directors"), the regular plural of each name's last word ("grips", "dollies"), and each
  whole name squeezed into one word with a closing mark
  ("keygrip_", "miseenscene_"), which a query word matches only when the name begins with it;
- `last`: the last word of each name with the mark ("grip_" for Key Grip), which the query's
  last word matches only when the name ends with it.

And two fields for what a reader remembers of a definition but not the name:

- `body`: every other word of the definition, once each, lowercase, in order of appearance
  (the summary's words are already in `text`), so "what was the thing that holds the flags"
  finds the term whose definition says so;
- `more`: the words of its examples and trivia not already in the other fields, weaker still.

Both are bags of words the reader never sees, boosted far below the names (a definition that
mentions "grip" must not outrank Grip) and kept small: each word once, no markup, and none of
the glossary's own stop words: in a glossary of `COMMON_MIN_TERMS` terms or more, a word that
more than half of all definitions hold ("camera" in a film dictionary) tells no term apart — a
search for it alone would list half the dictionary — so it is left out, as lunr leaves out
"the" (the names and first sentences still hold it where they do). Nor do they hold the words
the search never indexes (lunr's stop-word filter, where the site's search pipeline runs it:
`searchworker.unindexed_words`): a reader could not find a term by them anyway.

Written to the site, `body` and `more` are packed (`searchpack`: numbers into one vocabulary of
the glossary's words, a third of the size) where Termbook's search worker is in place to unpack
them before Material's worker builds the index; elsewhere (another theme's search) they stay
the plain lists made here, so no search ever loses a word.

A plural headword's singular ("container" for Containers, `termbook.names.plural_singular`)
is in `names` and `last` as if it were an alias, never shown: a reader who types the singular
finds the headword first, above the longer names that begin with it (Containerization). A slash
separates words as a space and a hyphen do (`with_documents` adds it to the index's separator):
"CI/CD" asks for CI and for CD, and finds each one's terms.

Lunr scores a document by the query words it matches, so the name a reader typed in full
matches more than any name that merely contains it: "grip" meets Grip's words, its start and
its end, Grip Truck's words and start, Key Grip's words and end. The document boost falls
gently with the length of the term's shortest name, so shorter names win ties. (Lunr also
rewards rare words, so an exact name is not always first: the site script moves it there.)

Engine-free: takes and returns the index as a dict, so any lunr-based search can use it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from termbook.glossary.entries import Entry
from termbook.glossary.fields import FIELDS
from termbook.glossary.model import Glossary
from termbook.names import fold, is_acronym, plural, plural_singular
from termbook.text.markdown import plain_text
from termbook.text.sentences import first_sentence

NAMES_FIELD = "names"
LAST_FIELD = "last"
BODY_FIELD = "body"
MORE_FIELD = "more"
HIDDEN_FIELDS = (NAMES_FIELD, LAST_FIELD, BODY_FIELD, MORE_FIELD)
"""Fields only for matching: never shown, so the search worker neither highlights nor sends them."""
BODY_BOOST = 1.0
"""Like Material's `text` (the summary): a definition's words weigh what its first sentence's do."""
MORE_BOOST = 0.5
"""Examples and trivia: findable, but a definition that says the word comes first."""
COMMON_MIN_TERMS = 50
"""From this many terms on, words most definitions share are left out of `body` and `more`."""
FIELD_BOOST = 1000.0
"""Both as strong as the title: an alias is as much the term's name as its headword."""
MARK = "_"
"""Closes a squeezed name or last word, followed by the document's number: so the token never
equals an ordinary word, and each is equally rare (lunr favours rare words: without the number,
"mesh_", shared by every name ending in "mesh", would count less than a unique "meshspan_")."""

SHOWN_FIELDS = tuple(
    f
    for f in FIELDS
    if f.search and f.key not in ("term", "aliases", "definition", "senses", "examples", "trivia")
)
"""Other fields search reads (the pronunciation): shown in the result, before the summary."""

SLASH = "/"
"""Separates words in names, texts and queries alike, beside the site's separator (Material's
default: whitespace and hyphens): "CI/CD" is CI and CD, "on/off" is on and off."""
_WORD_SPLIT = re.compile(r"[\s\-/]+")
"""Material's default separator for English with `SLASH`: what the search's tokenizer splits on."""
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class SearchDoc:
    """One result the search can show: a term, a category, a page."""

    location: str
    """Site path relative to the root, as the index stores it ("terms/key-grip/")."""
    title: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    boost: float | None = None
    body: str = ""
    """Plain text of the whole definition."""
    more: str = ""
    """Plain text of the examples and trivia."""
    note: str = ""
    """Plain text the result shows before the summary (`SHOWN_FIELDS`)."""


def word_keys(name: str) -> list[str]:
    """The name's words folded, without accents or punctuation ("Director's" → "directors")."""
    keys = (_NOT_ALNUM.sub("", fold(word)) for word in _WORD_SPLIT.split(name))
    return [key for key in keys if key]


def squeezed(name: str) -> str:
    """The whole name as one folded word of letters and digits ("Mise-en-scène" → "miseenscene")."""
    return "".join(word_keys(name))


def names_field(name: str, aliases: Iterable[str], mark: str = MARK) -> str:
    """Alias words, folded words and squeezed names: the `names` field (see the module doc).

    An alias word as written only when folding changes it ("p&a", "scène", "director's"), so
    that a word counts twice only when a reader may type it two ways.
    """
    names = (name, *aliases)
    tokens = []
    for index, each in enumerate(names):
        for word in _WORD_SPLIT.split(each):
            key = _NOT_ALNUM.sub("", fold(word))
            if index and word and word.lower() != key:
                tokens.append(word)
            if key:
                tokens.append(key)
    tokens += [plural(word_keys(each)[-1]) for each in names if _has_plural(each)]
    tokens += [squeezed(each) + mark for each in names if squeezed(each)]
    return _unique(tokens, exclude=_WORD_SPLIT.split(name))


def _has_plural(name: str) -> bool:
    """Whether the last word takes a regular plural ("grips", "dollies"): not an acronym's."""
    keys = word_keys(name)
    return bool(keys) and keys[-1].isalpha() and not is_acronym(name)


def last_field(names: Iterable[str], mark: str = MARK) -> str:
    """The last folded word of each name, with the mark: the `last` field."""
    return _unique(word_keys(each)[-1] + mark for each in names if word_keys(each))


def _unique(tokens: Iterable[str], exclude: Iterable[str] = ()) -> str:
    seen = {word.lower() for word in exclude}
    kept = []
    for token in tokens:
        if token.lower() not in seen:
            seen.add(token.lower())
            kept.append(token)
    return " ".join(kept)


_EDGE = re.compile(r"^\W+|\W+$")


def bag_of_words(text: str, exclude: Iterable[str] = ()) -> str:
    """Each word of ``text`` once, lowercase, trimmed of punctuation, in order, minus
    ``exclude`` and one-letter words; split as the search's tokenizer splits (`_WORD_SPLIT`).
    A word with punctuation inside ("p&a", "on/off") also gives its pieces."""
    seen = {word.lower() for word in exclude}
    kept = []
    for raw in _WORD_SPLIT.split(text):
        word = _EDGE.sub("", raw.lower())
        forms = [word]
        if _NOT_ALNUM.search(word):
            forms += _NOT_ALNUM.split(word)
        for form in forms:
            if len(form) > 1 and form not in seen:
                seen.add(form)
                kept.append(form)
    return " ".join(kept)


def length_boost(names: Iterable[str]) -> float:
    """Document boost: from 1.5 for a one-letter name down towards 1, falling with each letter."""
    shortest = min((len(squeezed(n)) or len(n) for n in names), default=40)
    return round(1 + 2 / (shortest + 3), 4)


def common_words(bodies: list[str]) -> frozenset[str]:
    """Words more than half of the definitions hold (``bodies``: each definition's
    `bag_of_words`), in a glossary of `COMMON_MIN_TERMS` or more (see the module doc); none in
    a smaller one."""
    if len(bodies) < COMMON_MIN_TERMS:
        return frozenset()
    counts = Counter(word for body in bodies for word in body.split())
    return frozenset(word for word, count in counts.items() if count * 2 > len(bodies))


def term_document(
    doc: SearchDoc,
    number: int = 0,
    common: frozenset[str] = frozenset(),
    body_words: str | None = None,
) -> dict:
    """The index document of one term (all text HTML-escaped: the client shows it as HTML).

    `number` tells the term's marked tokens apart from every other term's (see `MARK`);
    `common` words stay out of `body` and `more` (`common_words`). `body_words` is
    ``bag_of_words(doc.body)`` when the caller already has it (each body is read once).
    """
    mark = MARK + _base36(number)
    singular = plural_singular(doc.title)
    hidden = (singular,) if singular else ()
    also = ""
    if doc.aliases:
        names = ", ".join(f"<em>{html.escape(a, quote=False)}</em>" for a in doc.aliases)
        also = f'<span class="tb-aka">Also {names}.</span> '
    note = f'<span class="tb-note">{html.escape(doc.note, quote=False)}</span> ' if doc.note else ""
    document = {
        "location": doc.location,
        "title": html.escape(doc.title, quote=False),
        "text": f"<p>{note}{also}{html.escape(doc.summary, quote=False)}</p>",
        NAMES_FIELD: names_field(doc.title, (*doc.aliases, *hidden), mark),
        LAST_FIELD: last_field((doc.title, *doc.aliases, *hidden), mark),
    }
    shown = [*bag_of_words(" ".join((doc.title, *doc.aliases, doc.summary))).split(), *common]
    if body_words is None:
        body_words = bag_of_words(doc.body)
    hidden = set(shown)
    body = " ".join(word for word in body_words.split() if word not in hidden)
    more = bag_of_words(doc.more, [*shown, *body.split()])
    if body:
        document[BODY_FIELD] = body
    if more:
        document[MORE_FIELD] = more
    document["boost"] = (
        doc.boost if doc.boost is not None else length_boost((doc.title, *doc.aliases))
    )
    return document


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def page_document(doc: SearchDoc) -> dict:
    """A generated page that is not a term (a category): title and summary, no sections."""
    document = {
        "location": doc.location,
        "title": html.escape(doc.title, quote=False),
        "text": f"<p>{html.escape(doc.summary, quote=False)}</p>" if doc.summary else "",
    }
    if doc.boost is not None:
        document["boost"] = doc.boost
    return document


def search_documents(
    terms: Iterable[SearchDoc],
    pages: Iterable[SearchDoc] = (),
    unindexed: frozenset[str] = frozenset(),
) -> list[dict]:
    """One index document per term and page: the costly part of shaping (every definition's
    words bagged), which needs nothing from the engine's own index, so it can be made beside
    the build. ``unindexed``: words the search drops when it indexes (its stop words), left
    out of `body` and `more` with the glossary's common words."""
    terms = list(terms)
    bodies = [bag_of_words(t.body) for t in terms]
    common = common_words(bodies) | unindexed
    added = [term_document(t, i, common, bodies[i]) for i, t in enumerate(terms)]
    return added + [page_document(p) for p in pages]


def with_documents(index: dict, added: list[dict]) -> dict:
    """The index with ``added`` (`search_documents`) in it and the hidden fields declared.

    Documents already indexed for those locations (and their sections) are replaced, so
    shaping twice gives the same index (as `mkdocs serve` rebuilds do).
    """
    replaced = {d["location"] for d in added}
    kept = [d for d in index.get("docs", []) if d.get("location", "").split("#")[0] not in replaced]
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields", {}))
    fields.setdefault(NAMES_FIELD, {"boost": FIELD_BOOST})
    fields.setdefault(LAST_FIELD, {"boost": FIELD_BOOST})
    fields.setdefault(BODY_FIELD, {"boost": BODY_BOOST})
    fields.setdefault(MORE_FIELD, {"boost": MORE_BOOST})

    config["fields"] = fields
    config["separator"] = with_slash(config.get("separator") or r"[\s\-]+")
    return {**index, "config": config, "docs": kept + added}


def with_slash(separator: str) -> str:
    """The site's word separator (a regular expression) that also splits at `SLASH`."""
    if re.fullmatch(r"\[[^\]]*\]\+", separator):
        return separator if SLASH in separator else separator[:-2] + SLASH + "]+"
    return f"(?:{separator})|{SLASH}"


def shape_index(index: dict, terms: Iterable[SearchDoc], pages: Iterable[SearchDoc] = ()) -> dict:
    """The index with one document per term and page added (`search_documents`,
    `with_documents`)."""
    return with_documents(index, search_documents(terms, pages))


def glossary_docs(
    glossary: Glossary,
    entries: dict[str, Entry],
    term_url: Callable[[str], str | None],
    category_url: Callable[[str], str | None],
) -> tuple[list[SearchDoc], list[SearchDoc]]:
    """Documents for the terms and the category pages the site has (a URL of None: none)."""
    terms = []
    for term in glossary:
        url = term_url(term.slug)
        if url is not None:
            entry = entries[term.slug]
            uses = [use for sense in entry.senses for use in sense.examples_text]
            more = " ".join((*entry.examples_text, *uses, *entry.trivia_text))
            shown = (getattr(term, f.name) for f in SHOWN_FIELDS)
            terms.append(
                SearchDoc(
                    url,
                    term.name,
                    entry.summary,
                    term.aliases,
                    body=entry.definition_text,
                    more=more,
                    note=" ".join(value for value in shown if value),
                )
            )
    pages = []
    for category in glossary.categories.values():
        url = category_url(category.slug)
        if url is not None:
            summary = (
                first_sentence(plain_text(category.description)) if category.description else ""
            )
            pages.append(SearchDoc(url, category.name, summary))
    return terms, pages
