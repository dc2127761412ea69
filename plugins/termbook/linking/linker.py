"""Automatic cross-linking: every mention of a term in rendered HTML becomes a link to it.

Pure Python, no MkDocs: the plugin builds one :class:`Linker` per build from all names and
aliases and calls :meth:`Linker.link_html` on each page's HTML.

What gets linked, and why:

- Names and aliases in text nodes, whole words only, longest match first ("key grip" is Key
  Grip, never Grip); regular plurals and possessives of the last word are part of the link,
  a plural headword's singular and the forms a term lists link it too
  (``termbook.names.running_names``). Names are matched on the text a reader sees (``&amp;``
  is ``&``), across line breaks and ``&nbsp;``; ``'``/``’`` and hyphen variants are
  interchangeable, and inside a name a hyphen between two words is a space ("self-healing"
  is Self Healing). No name is linked as a part of a hyphenated compound that is not itself
  a name ("self-service", "host-based").
- Case-insensitive and accent-tolerant, except names written in capitals (``AD``, ``4K``),
  which match only in that case so the word "ad" stays a word.
- Scripts written without spaces (``花道``) need no word boundary: the name matches next to
  other CJK characters, leftmost first.
- Never inside links, code, headings and the other protected elements of ``_linker_html``, nor
  in attributes or comments. Names of terms that are not linked (the page's own term,
  ``autolink=False`` terms, terms already linked in ``first`` mode) still take part in the
  matching, so a shorter name inside them is not linked instead; so does the headword of a
  term restricted to its aliases (``link``: ``termbook.names.LINK_RULES``).
- Word boundaries look through inline tags: ``<b>grip</b>ping`` is not the word "grip"; a
  mention split by a tag (``key <b>grip</b>``) is not one mention.
- ``[[Term]]`` and ``[[Term|shown text]]`` link explicitly (also in headings, and across inline
  tags and code: ``[[<em>Key</em> Grip]]``), read by the one parser of the syntax
  (``termbook.text.wikilinks``) that plain text reads too; unresolved ones leave the shown text
  and are reported.
- Names with fewer than two letters or digits (unless a symbol makes them a name: ``C++``), or
  longer than 200 characters, are only linked explicitly (``termbook.names.is_matchable``).

Existing ``tb-term`` links count as already linked, which also makes linking idempotent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from termbook.linking._html import (
    CONTEXT,
    END,
    LITERAL,
    NOAUTO,
    NONE,
    OPAQUE,
    START,
    TEXT,
    WHOLE_TAGS,
    Regions,
    Token,
    balanced,
    closing_tag,
    context,
    existing_term,
    first_chars,
    joins_words,
    last_chars,
    tail,
    tokenize,
    unescape_map,
)
from termbook.linking._match import Matcher
from termbook.names import (
    HYPHENS,
    INLINE_TAGS,
    RunningName,
    base_forms,
    fold,
    normalize_name,
    running_names,
)
from termbook.text import Opaque, Piece, WikiLink, resolve_links, shown_words

__all__ = ["LinkResult", "LinkTarget", "Linker"]

Mode = Literal["first", "all"]
_NEEDS_ESCAPE = re.compile("[&<>\"']")
_OPEN_END = re.compile(r"(?:<[/!?]?|&)\Z")


@dataclass(frozen=True)
class LinkTarget:
    slug: str
    names: tuple[str, ...]
    """Display name first, then aliases."""
    autolink: bool = True
    """False: only explicit ``[[...]]`` links reach this term."""
    forms: tuple[str, ...] = ()
    """Further forms running text writes the term in ("containerized"): linked, not shown."""
    link: tuple[str, ...] = ()
    """Restrictions of its automatic links (``termbook.names.LINK_RULES``)."""


@dataclass
class LinkResult:
    html: str
    mentions: list[str] = field(default_factory=list)
    """Slugs linked by this call, in first-appearance order, unique."""
    unresolved: list[str] = field(default_factory=list)
    """The inner text of every ``[[...]]`` that did not resolve, in order."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(slug, shown HTML) of every link made by this call, in order: which words link a term
    (``termbook stats``)."""


class Linker:
    """All names and aliases of a glossary, compiled once into one matcher."""

    def __init__(self, targets: Iterable[LinkTarget]) -> None:
        self.targets: dict[str, LinkTarget] = {}
        self._keys: dict[str, str] = {}
        self._loose: dict[str, str | None] = {}
        pairs: list[tuple[RunningName, str]] = []
        for target in targets:
            if target.slug in self.targets:
                continue
            self.targets[target.slug] = target
            self._index(target.slug, target.slug)
            names = [" ".join(name.split()) for name in target.names]
            if not names or not names[0]:
                continue
            forms = tuple(" ".join(form.split()) for form in target.forms)
            for running in running_names(names[0], tuple(names[1:]), forms, target.link):
                if running.text:
                    if not running.derived:
                        self._index(running.text, target.slug)
                    pairs.append((running, target.slug))
        for running, slug in pairs:
            if running.derived:
                self._index(running.text, slug)
        self.matcher = Matcher(pairs)

    def _index(self, name: str, slug: str) -> None:
        self._keys.setdefault(normalize_name(name), slug)
        loose = "".join(c for c in fold(name) if c.isalnum())
        if self._loose.setdefault(loose, slug) != slug:
            self._loose[loose] = None  # ambiguous without punctuation: never guess

    def resolve(self, text: str) -> str | None:
        """A name, alias or slug → slug; ignores case, accents, punctuation and plural endings."""
        text = " ".join(text.split())
        if text in self.targets:
            return text
        for candidate in base_forms(text):
            slug = self._keys.get(normalize_name(candidate))
            if slug is None:
                slug = self._loose.get("".join(c for c in fold(candidate) if c.isalnum()))
            if slug is not None:
                return slug
        return None

    def link_html(
        self,
        html: str,
        *,
        url_for: Callable[[str], str],
        current_slug: str | None = None,
        mode: Mode = "first",
    ) -> LinkResult:
        """Link the mentions of terms in ``html``; everything else is kept byte for byte."""
        if mode not in ("first", "all"):
            raise ValueError(f"mode must be 'first' or 'all', not {mode!r}")
        return _Pass(self, html, url_for, current_slug, mode).run()


class _Pass:
    """One call of :meth:`Linker.link_html`: walks the tokens, rewrites linkable text."""

    def __init__(
        self,
        linker: Linker,
        page: str,
        url_for: Callable[[str], str],
        current: str | None,
        mode: Mode,
    ) -> None:
        self.linker = linker
        self.page = page
        self.url_for = url_for
        self.current = current
        self.first_only = mode == "first"
        self.seen: set[str] = set()
        self.result = LinkResult(html=page)
        self._mentioned: set[str] = set()
        self._opening: dict[str, str] = {}

    def run(self) -> LinkResult:
        page = self.page
        if not self.linker.targets:
            return self.result
        tokens = tokenize(page)
        regions = Regions()
        out: list[str] = []
        cursor = 0
        prev = ""
        skip_to = 0
        for index, token in enumerate(tokens):
            if index < skip_to:
                continue
            kind = token.kind
            if kind == TEXT:
                raw = page[token.start : token.end]
                stop = self._run_end(tokens, index, regions.level) if "[[" in raw else index + 1
                if stop > index + 1:
                    new = self._rewrite_run(tokens, index, stop, prev, regions.level)
                    last = tokens[stop - 1]
                    raw = page[token.start : last.end]
                    skip_to = stop
                    prev = tail(
                        prev,
                        "".join(
                            page[t.start : t.end] for t in tokens[index:stop] if t.kind == TEXT
                        ),
                    )
                else:
                    new = self._rewrite(raw, prev, tokens, index, regions.level)
                    prev = tail(prev, raw)
                if new is not raw:
                    out.append(page[cursor : token.start])
                    out.append(new)
                    cursor = token.start + len(raw)
            elif kind == START:
                regions.start(token)
                self._note_existing(token)
                if token.name not in INLINE_TAGS:
                    prev = ""
            elif kind == END:
                regions.end(token)
                if token.name not in INLINE_TAGS:
                    prev = ""
            elif not page.startswith("<!--", token.start):
                prev = ""
        if out:
            out.append(page[cursor:])
            self.result.html = "".join(out)
        return self.result

    def _rewrite(self, raw: str, prev: str, tokens: list[Token], index: int, level: int) -> str:
        """A text token as it should be; the very same object when nothing changes."""
        explicit = "[[" in raw
        if level == LITERAL or (level == NOAUTO and not explicit):
            return raw
        after = _next_char(self.page, tokens, index)
        if explicit:
            return self._text(raw, prev, after, level)
        return self._auto(raw, prev, after)

    def _run_end(self, tokens: list[Token], index: int, level: int) -> int:
        """Where a run of text through inline tags (an explicit link may span them) ends:
        the index after its last text token; ``index + 1`` when no tag joins it to more text."""
        if level == LITERAL:
            return index + 1
        page = self.page
        end = index + 1
        position = index + 1
        while position < len(tokens):
            token = tokens[position]
            if token.kind == TEXT:
                end = position + 1
            elif token.kind == START and token.name in WHOLE_TAGS:
                close = closing_tag(tokens, position)
                if close is None:
                    break
                position = end = close + 1  # code as a whole: shown, never read for links
                continue
            elif not (token.kind == OPAQUE and page.startswith("<!--", token.start)) and (
                token.kind not in (START, END) or not joins_words(token)
            ):
                break
            position += 1
        return end

    def _rewrite_run(
        self, tokens: list[Token], index: int, stop: int, prev: str, level: int
    ) -> str:
        """Text tokens ``index`` to ``stop`` and the inline tags between them, with explicit
        links read across those tags (as plain text reads them) and automatic links in the
        text between."""
        page = self.page
        pieces: list[Piece] = []
        position = index
        while position < stop:
            token = tokens[position]
            if token.kind == START and token.name in WHOLE_TAGS:
                close = closing_tag(tokens, position)
                assert close is not None  # _run_end took it whole
                inner = page[token.end : tokens[close].start]
                pieces.append(
                    Opaque(page[token.start : tokens[close].end], whole=True, words=inner)
                )
                position = close + 1
                continue
            text = page[token.start : token.end]
            pieces.append(text if token.kind == TEXT else Opaque(text))
            position += 1
        made = resolve_links(pieces, self._replace)
        after = _next_char(page, tokens, stop - 1)
        out: list[str] = []
        text = ""
        before = prev
        for position, piece in enumerate(made):
            if isinstance(piece, str):
                text += piece
                continue
            if isinstance(piece, _Made) or piece.text:  # a made link or a tag: the text ends
                nxt = _first_visible(made, position)
                if text:
                    out.append(self._auto(text, before, nxt) if level == NONE else text)
                    before = tail(before, text)
                    text = ""
                if isinstance(piece, _Made):
                    shown = _joined(piece.shown)
                    out.append(self._link(piece.slug, shown))
                    before = _last_visible(shown, before)
                else:
                    out.append(piece.text)
            else:
                text = _seal(text)
        if text:
            out.append(self._auto(text, before, after) if level == NONE else text)
        return "".join(out)

    def _note_existing(self, token: Token) -> None:
        slug = existing_term(token)
        if slug is not None:
            self.seen.add(slug)

    def _text(self, raw: str, prev: str, nxt: str, level: int) -> str:
        """A text node: explicit links first, then automatic links in the text between them."""
        parts = self._explicit(raw) if "[[" in raw else [raw]
        out: list[str] = []
        for index, part in enumerate(parts):
            if isinstance(part, tuple):
                out.append(self._link(part[0], part[1]))
                continue
            before = prev if index == 0 else last_chars(parts[index - 1][1])
            after = nxt if index == len(parts) - 1 else first_chars(parts[index + 1][1])
            out.append(self._auto(part, before, after) if level == NONE and part else part)
        return "".join(out)

    def _explicit(self, raw: str) -> list:
        """Split at resolved ``[[...]]``: str runs and (slug, shown HTML) pairs, alternating.

        The syntax is read by the one parser of it (``termbook.text.wikilinks``). An unresolved
        (or self-) reference leaves its shown text in the surrounding run, where the links
        around it read it again (``[[a [[b]] c]]``), as a second pass would.
        """
        parts: list = []
        text = ""
        for piece in resolve_links([raw], self._replace):
            if isinstance(piece, _Made):
                parts.extend((text, (piece.slug, _joined(piece.shown))))
                text = ""
            elif isinstance(piece, Opaque):
                text = _seal(text)
            else:
                text += piece
        parts.append(text)
        return parts

    def _replace(self, link: WikiLink) -> list[Piece]:
        """A link made, or its shown words with the text around them sealed (see _seal); a
        link whose words would cut an element in two (``[[Grip|a <b>b]] c</b>``) stays as
        written."""
        slug = self.linker.resolve(html.unescape(link.target_text))
        if slug is None:
            self.result.unresolved.append(html.unescape(link.written))
        if slug is None or slug == self.current:
            if any(isinstance(p, Opaque) and p.text for p in link.pieces):
                return [_SEAL, *shown_words(link), _SEAL]  # tags kept, the text sealed after
            return [_SEAL, _seal(_joined(link.shown))]
        if not balanced(link.shown):
            return ["[[", *link.pieces, "]]"]  # an <a> cannot wrap half an element: as written
        kept = [p for p in link.target if isinstance(p, Opaque) and p.text and not p.whole]
        kept = kept if link.given else []
        return [*kept, _Made("", breaks=True, slug=slug, shown=link.shown)]

    def _auto(self, raw: str, before: str, after: str) -> str:
        """Automatic links in a run of HTML text; ``before``/``after`` are the neighbouring
        characters a reader sees (word boundaries look through inline tags)."""
        if "&" in raw:
            plain, where = unescape_map(raw)
        else:
            plain, where = raw, None
        offset = len(before)
        limit = offset + len(plain)
        targets = self.linker.targets
        out: list[str] = []
        last = 0
        for start, end, slug, linked in self.linker.matcher.finditer(
            before + plain + after, offset
        ):
            if end > limit:
                break
            if not linked or slug == self.current or not targets[slug].autolink:
                continue
            if self.first_only and slug in self.seen:
                continue
            start, end = start - offset, end - offset
            if where is not None:
                start, end = where[start], where[end]
            out.append(raw[last:start])
            out.append(self._link(slug, raw[start:end]))
            last = end
        if not out:
            return raw
        out.append(raw[last:])
        return "".join(out)

    def _link(self, slug: str, shown_html: str) -> str:
        self.seen.add(slug)
        self.result.links.append((slug, shown_html))
        if slug not in self._mentioned:
            self._mentioned.add(slug)
            self.result.mentions.append(slug)
        opening = self._opening.get(slug)
        if opening is None:
            href = _attribute(self.url_for(slug))
            opening = f'<a class="tb-term" data-term="{_attribute(slug)}" href="{href}">'
            self._opening[slug] = opening
        return opening + shown_html + "</a>"


def _attribute(value: str) -> str:
    """An attribute value, escaped; most slugs and URLs need nothing, so check first."""
    return html.escape(value, quote=True) if _NEEDS_ESCAPE.search(value) else value


@dataclass
class _Made(Opaque):
    """A resolved explicit link, made into an ``<a>`` once the run around it is known."""

    slug: str = ""
    shown: list[Piece] = field(default_factory=list)


_SEAL = Opaque("")
"""Marks where an unresolved link's text joins the text before it: that text is sealed."""


def _joined(pieces: list[Piece]) -> str:
    """Pieces of one text node back as its HTML, sealed where an unresolved link's text joins."""
    text = ""
    for piece in pieces:
        text = text + piece if isinstance(piece, str) else _seal(text) + piece.text
    return text


def _seal(text: str) -> str:
    """Escape a trailing ``<`` or ``&`` that the text joined after it could turn into a tag or
    a character reference (``<[[Nope]]`` must not become the tag ``<Nope``)."""
    match = _OPEN_END.search(text)
    if match is None:
        return text
    index = match.start()
    return text[:index] + ("&amp;" if text[index] == "&" else "&lt;") + text[index + 1 :]


def _first_visible(pieces: list[Piece], position: int) -> str:
    """The first characters a reader sees after ``pieces[position]`` (tags are inline here)."""
    for piece in pieces[position + 1 :]:
        if isinstance(piece, str):
            if piece:
                return first_chars(piece)
        elif isinstance(piece, _Made):
            shown = _joined(piece.shown)
            return first_chars(re.sub(r"<[^>]*>", "", shown)) or ""
    return ""


def _last_visible(shown_html: str, fallback: str) -> str:
    text = re.sub(r"<[^>]*>", "", shown_html)
    return tail(fallback, text) if text else fallback


def _next_char(page: str, tokens: list[Token], index: int) -> str:
    """The first characters (:data:`CONTEXT`) a reader sees after a text token, looking
    through inline tags and comments."""
    seen = ""
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.kind == TEXT:
            seen = context(seen + first_chars(page[token.start : token.end]), True)
            if len(seen) == CONTEXT or (seen and seen not in HYPHENS):
                return seen
            continue
        if token.kind == OPAQUE and page.startswith("<!--", token.start):
            continue
        if token.kind not in (START, END) or token.name not in INLINE_TAGS:
            return seen
    return seen
