"""An Anki deck (``.apkg``, made with genanki): one note per term that takes part in practice.

Each note holds the term's name and aliases, its definition and first example (the sanitised
HTML the site shows), a link to the entry, and the term's categories as tags. Ids are stable so
a learner can import every new version of the deck over the last: the note's GUID, its id and
its cards' ids come from the slug, the deck's and the note type's ids from fixed names, and each
note is dated by its term's last change, so Anki's "update if newer" refreshes exactly the
edited terms and never duplicates a card.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import genanki

from termbook.glossary.model import Glossary, Term
from termbook.glossary.rendered import RenderedGlossary
from termbook.pages.site_info import SiteInfo
from termbook.pages.urls import term_page
from termbook.publish.api import public_url
from termbook.publish.exports.scorm_package import ZIP_TIME
from termbook.study import practice_terms

FIELDS = ("Term", "Aliases", "Definition", "Example", "Link")
STYLE = """.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.45;
  text-align: left; max-width: 36em; margin: 0 auto; }
.term { font-size: 1.6em; font-weight: 700; text-align: center; }
.aliases { color: #666; text-align: center; }
.example { border-left: 3px solid #bbb; padding-left: 0.8em; font-style: italic; }
.nightMode .aliases { color: #aaa; }
"""
FRONT = '<div class="term">{{Term}}</div>'
BACK = """{{FrontSide}}
{{#Aliases}}<div class="aliases">Also: {{Aliases}}</div>{{/Aliases}}
<hr id="answer">
<div class="definition">{{Definition}}</div>
{{#Example}}<div class="example">{{Example}}</div>{{/Example}}
{{#Link}}<p><a href="{{Link}}">Read the full entry</a></p>{{/Link}}"""


def stable_id(*parts: str, bits: int = 46) -> int:
    """A positive id Anki accepts (below 2^53), the same for the same parts in every build."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (int.from_bytes(digest[:8], "big") >> (64 - bits)) + (1 << bits)


MODEL_ID = stable_id("termbook", "note type", "term v1")


class _TermNote(genanki.Note):
    """A note with its own date and ids (genanki would use the package's for all)."""

    def __init__(self, *args, slug: str, modified: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slug = slug
        self.modified = modified

    def write_to_db(self, cursor, timestamp: float, deck_id, id_gen) -> None:
        # The note takes the first id, each card the next: 16 ids reserved per slug.
        ids = itertools.count(stable_id("termbook", "note", self.slug) * 16)
        super().write_to_db(cursor, self.modified, deck_id, ids)


def note_model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "Termbook term",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Term → definition", "qfmt": FRONT, "afmt": BACK}],
        css=STYLE,
        sort_field_index=0,
    )


def tag_of(name: str) -> str:
    """An Anki tag for a category: tags are single words, so spaces become underscores."""
    return "_".join(name.split())


def _stamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def deck_name(site: SiteInfo) -> str:
    return site.name or "Glossary"


def note_of(
    glossary: Glossary, checked: RenderedGlossary, term: Term, site: SiteInfo, model
) -> genanki.Note:
    entry = checked.entries[term.slug]
    url = public_url(site, term_page(term.slug))
    return _TermNote(
        model=model,
        fields=[
            html.escape(term.name, quote=False),
            html.escape(", ".join(term.aliases), quote=False),
            entry.portable_definition,
            entry.portable_examples[0] if entry.portable_examples else "",
            url if "://" in url else "",
        ],
        tags=[tag_of(c.name) for c in glossary.term_categories(term)],
        guid=genanki.guid_for("termbook", term.slug),
        sort_field=term.name,
        slug=term.slug,
        modified=_stamp(term.updated),
    )


def render(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    glossary = checked.glossary
    model = note_model()
    deck = genanki.Deck(stable_id("termbook", "deck", deck_name(site)), deck_name(site))
    terms = practice_terms(glossary)
    for term in terms:
        deck.add_note(note_of(glossary, checked, term, site, model))
    newest = max((_stamp(t.updated) for t in terms), default=0)
    with tempfile.TemporaryDirectory(prefix="termbook-anki-") as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path), timestamp=newest)
        return _fixed_zip(path.read_bytes())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry dates, so one glossary always gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()
