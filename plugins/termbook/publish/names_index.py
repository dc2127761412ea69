"""``api/names.json``: the names index, what a matcher needs to find every term in running text.

Made from the linker's own :class:`~termbook.linking.linker.Linker` (its matcher's stems and
the forms each term owns), so the annotator widget and the site mark exactly what the build
links. Compact on purpose — no definitions: a portal page downloads it before it can mark
anything, and fetches a term's preview (``api/terms/<slug>.json``) only when a reader opens it.

Shape (see ``schemas/api.schema.json``, ``namesDocument``, and ``docs/embedding.md``):
``endings`` lists the distinct ending sets once; each term has ``forms``:
``[stem key, index into endings]`` or, for a name in capitals, ``[stem key, index, exact stem]``;
a fourth item ``0`` (``[stem key, index, exact stem or null, 0]``) marks a form that takes its
words but links nothing (``link: aliases-only``).
A form's keys are the stem key plus each ending (``""`` is the stem alone); a key belongs to
the term it is listed under. Keys are folded by the rules of :mod:`termbook.names`. A name
several terms share ("CD") is listed under ``shared``, with its slug, the slugs of its terms and
its forms: a mention of it leads to its page (``urls.name``), its preview lists every meaning
(``urls.namePreview``).
"""

from __future__ import annotations

from typing import Any

from termbook.glossary.model import Glossary
from termbook.linking.linker import Linker
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo

SLUG = "{slug}"
"""The placeholder of the URL templates."""


def names_document(
    glossary: Glossary, linker: Linker, site: SiteInfo, head: dict[str, Any]
) -> dict[str, Any]:
    """The names index; ``head`` is what every API list document starts with."""
    owned = linker.matcher.owned_forms()
    endings: dict[tuple[str, ...], int] = {}

    def forms_of(key: str) -> list[list]:
        """The forms a term (or a shared name) owns, their ending sets listed once."""
        forms = []
        for stem, owned_endings in owned.get(key, ()):
            index = endings.setdefault(owned_endings, len(endings))
            form: list[Any] = [stem.key, index]
            if stem.exact is not None or not stem.linked:
                form.append(stem.exact)
            if not stem.linked:
                form.append(0)
            forms.append(form)
        return forms

    terms = []
    for term in glossary:
        forms = forms_of(term.slug)
        if not forms:
            continue
        record: dict[str, Any] = {"slug": term.slug, "name": term.name, "forms": forms}
        if not term.autolink:
            record["autolink"] = False
        terms.append(record)
    shared = []
    for key, name in linker.shared.items():
        forms = forms_of(key)
        if forms:
            shared.append(
                {"slug": name.slug, "name": name.name, "terms": list(name.terms), "forms": forms}
            )
    base = site.site_url
    document = {
        **head,
        "urls": {
            "term": urls.absolute(base, urls.term_page(SLUG)) or urls.term_page(SLUG),
            "preview": urls.absolute(base, urls.term_api(SLUG)) or urls.term_api(SLUG),
            "name": urls.absolute(base, urls.name_page(SLUG)) or urls.name_page(SLUG),
            "namePreview": urls.absolute(base, urls.name_api(SLUG)) or urls.name_api(SLUG),
        },
        "endings": [list(each) for each in endings],
        "terms": terms,
    }
    if shared:
        document["shared"] = shared
    return document
