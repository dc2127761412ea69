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
the term it is listed under. Keys are folded by the rules of :mod:`termbook.names`.
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
    terms = []
    for term in glossary:
        forms = []
        for stem, owned_endings in owned.get(term.slug, ()):
            index = endings.setdefault(owned_endings, len(endings))
            form: list[Any] = [stem.key, index]
            if stem.exact is not None or not stem.linked:
                form.append(stem.exact)
            if not stem.linked:
                form.append(0)
            forms.append(form)
        if not forms:
            continue
        record: dict[str, Any] = {"slug": term.slug, "name": term.name, "forms": forms}
        if not term.autolink:
            record["autolink"] = False
        terms.append(record)
    base = site.site_url
    return {
        **head,
        "urls": {
            "term": urls.absolute(base, urls.term_page(SLUG)) or urls.term_page(SLUG),
            "preview": urls.absolute(base, urls.term_api(SLUG)) or urls.term_api(SLUG),
        },
        "endings": [list(each) for each in endings],
        "terms": terms,
    }
