"""The MkDocs adapter: wires the engine-free core into MkDocs events, and nothing more.

on_config loads and checks the terms (errors stop the build, warnings count for --strict);
on_pre_build sets the last build's site aside, to be deleted beside this build; on_files adds
the planned pages and assets as virtual files; on_page_content renders generated pages and links
every page; on_page_context adds what needs all pages ("Mentioned in").
Work beside the build goes through the core's runner (termbook.runner), made in on_config with
the `jobs` option: the embedding kit and the share cards are written while the pages build, the
term pages reached last are made ahead; the first post-build step waits for what is running.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from html import escape, unescape
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from termbook.config import TermbookConfig
from termbook.glossary.entries import FORK_MIN_TERMS, Entry
from termbook.glossary.model import Glossary
from termbook.glossary.problems import Severity
from termbook.glossary.rendered import RenderedGlossary, check_terms
from termbook.glossary.validate import did_you_mean
from termbook.linking.graph import linker_for
from termbook.linking.linker import Linker, LinkResult
from termbook.pages import urls
from termbook.pages.dates import planned_page_dates, source_file_dates
from termbook.pages.mentions import Mention, listed_in_full, mentions_document, most_useful
from termbook.pages.plan import (
    PageKind,
    PlannedPage,
    featured_term,
    missing_from_nav,
    nav_lines,
    plan_pages,
    related_with_reverse,
)
from termbook.pages.practice import practice_files, practice_view
from termbook.pages.previews import previews_block
from termbook.pages.searchindex import with_documents
from termbook.pages.searchpack import packed_index
from termbook.pages.searchworker import install_search_worker, termbook_worker_in, unindexed_words
from termbook.pages.site_info import SiteInfo
from termbook.pages.toc import sections
from termbook.pages.views import (
    az_names,
    az_view,
    card_meta,
    categories_view,
    category_view,
    entry_view,
    home_view,
    letter_view,
    shared_name_view,
    term_view,
)
from termbook.publish.card_files import CardCache, card_files
from termbook.publish.cms import EditorSettings, cms_files
from termbook.publish.files import Published, assembled_script, published_files
from termbook.publish.palette import card_style
from termbook.publish.parallel import (
    Kit,
    SearchInputs,
    glossary_search_documents,
    write_files,
    write_kit,
)
from termbook.publish.stale import remove, set_aside
from termbook.resources import ASSETS, TEMPLATES, compact_css
from termbook.review.gittree import GitError, repo_prefix
from termbook.runner import (
    Job,
    MadeAhead,
    Runner,
    Work,
    WorkFailed,
    jobs_setting,
    paused_collector,
    settle_heap,
    unsettle_heap,
)
from termbook.study import StudySet, study_sets

log = get_plugin_logger(__name__)
OEMBED_SITEMAP = "api/oembed/sitemap.xml"
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<!-- Material for MkDocs looks for a sitemap beside every rel=alternate link, the oEmbed\n"
    "     discovery link included; this empty one spares readers a 404 on each term page. -->\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
SITE_STYLE = "site.css"
"""The site's style sheet, on every page. Its script, site.js, is not an extra_javascript: the
storage helpers' script fetches it once the page is parsed (templates/termbook/fragments/
theme-scope.html), so that its bytes never compete with what the first paint needs."""
THEME_SCRIPTS = ("theme-scope.js", "theme-palette.js", "theme-content.js")
"""Material's inline scripts as files (templates/partials/javascripts/): no inline script."""


class TermbookPlugin(BasePlugin[TermbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cleans_site = False
        """Whether the engine empties the site folder before each build (not a dirty build)."""
        self.runner = Runner(log=log)
        self.removal: Job[None] | None = None
        self.set_aside: tuple[Path, ...] = ()
        """The last build's site, set aside and not yet being deleted (`on_files` starts it)."""
        self.to_sweep: tuple[Path, ...] = ()
        """The same, being deleted: what the build did not take back goes once it is done."""
        self._reset()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.cleans_site = not dirty

    def _reset(self) -> None:
        self.checked: RenderedGlossary | None = None
        self.terms_dir = Path("terms")
        self.root = Path(".")
        self.directory_urls = True
        self.planned: dict[str, PlannedPage] = {}
        self.planned_urls: dict[str, str] = {}
        if getattr(self, "term_contents", None) is not None:
            self.term_contents.cancel()
        self.term_contents: MadeAhead[str, tuple[list[dict], LinkResult]] | None = None
        self.linker: Linker | None = None
        self.related: dict[str, list[str]] = {}
        self.close: dict[str, set[str]] = {}
        """Each term's related terms either way round: they lead its "Mentioned in"."""
        self.mentioned_in: dict[str, dict[str, Mention]] = {}
        self.site = SiteInfo(name="Glossary")
        self.env: Any = None
        self.page_dates: dict[str, Any] = {}
        self.page_urls: dict[tuple[str, str], str] = {}
        self.cards = CardCache(None)
        self.study: list[StudySet] = []
        for job in (getattr(self, "kit", None), getattr(self, "mentions_job", None)):
            if job is not None:
                job.cancel()
        self.kit: Job[Kit] | None = None
        self.mentions_job: Job[None] | None = None
        self.mentions: list[str] = []
        """Slugs whose full "Mentioned in" list the site may publish (no file of the site's
        docs is there), if their page does not list every mention (`listed_in_full`)."""
        self.search_docs: list[dict] | None = None
        self.published: list[File] = []

    # -- configuration and loading -------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        try:
            self.runner = Runner(jobs_setting(self.config.jobs), log)
        except ValueError as error:
            raise PluginError(f"termbook: {error}") from error
        root = self.root = Path(config.config_file_path or ".").resolve().parent
        self.terms_dir = (root / self.config.terms_dir).resolve()
        self._add_theme_dir(config)
        self.directory_urls = config.use_directory_urls
        if urls.ASSETS + SITE_STYLE not in map(str, config.extra_css):
            config.extra_css.append(urls.ASSETS + SITE_STYLE)
        if not self.terms_dir.is_dir():
            raise PluginError(
                f"termbook: the terms folder '{self.config.terms_dir}' does not exist"
            )
        # the linker needs only the names: it is made while a child renders entries
        try:
            with paused_collector():
                checked = check_terms(
                    self.terms_dir,
                    root,
                    docs_dir=Path(config.docs_dir),
                    meanwhile=linker_for,
                    runner=self.runner,
                )
        except WorkFailed as error:
            raise PluginError(f"termbook: {error}") from error
        self._report(checked)
        self.checked = checked
        featured = self.config.featured
        if featured and checked.glossary.lookup(featured) is None:
            names = [term.name for term in checked.glossary]
            log.warning(
                f"the option `featured: {featured}` names no term of the glossary"
                f"{did_you_mean(featured, names)}; the home page features another"
            )
        glossary = checked.glossary
        both_ways = related_with_reverse(glossary)
        self.related = (
            both_ways
            if self.config.symmetric_related
            else {t.slug: list(t.related) for t in glossary}
        )
        self.close = {slug: set(related) for slug, related in both_ways.items()}
        made = checked.meanwhile
        self.linker = made if isinstance(made, Linker) else linker_for(glossary)
        practice = self.config.practice
        self.study = study_sets(glossary, checked.entries, self.linker.matcher) if practice else []
        self.site = SiteInfo(
            name=self.config.glossary_name or config.site_name,
            site_url=config.site_url or "",
            like_endpoint=self.config.like_endpoint if self.config.likes else None,
            words_per_minute=self.config.words_per_minute,
            share=list(self.config.share),
            edit_url=self._edit_url_maker(config, root),
            api=self.config.api,
            likes=self.config.likes,
        )
        cache = self.config.cards_cache
        self.cards = CardCache((root / cache).resolve() if cache else None)
        settle_heap()  # the glossary stays until the build ends: no collection walks it
        return config

    def _report(self, checked: RenderedGlossary) -> None:
        """Same lines as `termbook check`: errors stop the build, warnings fail --strict."""
        errors = [p for p in checked.problems if p.severity is Severity.ERROR]
        for problem in checked.problems:
            if problem.severity is Severity.WARNING:
                log.warning(problem.format())
            elif problem.severity is Severity.HINT:
                log.info(problem.format())
        if errors:
            lines = "\n".join(p.format() for p in errors)
            raise PluginError(f"{len(errors)} error(s) in term files:\n{lines}")

    def _add_theme_dir(self, config: MkDocsConfig) -> None:
        """Package templates sit behind the theme's custom_dir, so site_templates/ overrides them."""
        dirs = config.theme.dirs
        if str(TEMPLATES) not in dirs:
            position = 1 if config.theme.custom_dir else 0
            dirs.insert(position, str(TEMPLATES))

    def _edit_url_maker(self, config: MkDocsConfig, root: Path):
        repo_url = (config.repo_url or "").rstrip("/")
        edit_uri = self.config.edit_uri_terms
        if edit_uri is None and config.edit_uri:
            docs = Path(config.docs_dir).resolve()
            docs_rel = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs"
            terms_rel = (
                self.terms_dir.relative_to(root).as_posix()
                if self.terms_dir.is_relative_to(root)
                else "terms"
            )
            base = config.edit_uri.rstrip("/")
            if base.endswith("/" + docs_rel) or base == docs_rel:
                base = base[: len(base) - len(docs_rel)] + terms_rel
            else:
                base = f"{base}/../{terms_rel}"
            edit_uri = base + "/"
        if not repo_url or not edit_uri:
            return lambda term: None
        prefix = edit_uri if "://" in edit_uri else f"{repo_url}/{edit_uri.lstrip('/')}"

        def edit_url(term):
            return prefix + Path(term.source_path).name

        return edit_url

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """The last build's files go aside, to be deleted while this build makes its pages
        (from `on_files`, which knows the files the build takes back: publish/stale.py)."""
        if self.cleans_site:
            self._wait_for_removal()
            self._sweep()
            self.set_aside = tuple(set_aside(Path(config.site_dir)))

    def _start_removal(self, keep: frozenset[str]) -> None:
        """Delete the last build's site beside the build, but for the files at ``keep``."""
        folders, self.set_aside = self.set_aside, ()
        if folders:
            work = Work("deleting the last build's site", remove, (folders, keep), background=True)
            self.removal = self.runner.start(work)
            self.to_sweep = folders

    def _wait_for_removal(self) -> None:
        removal, self.removal = self.removal, None
        if removal is not None:
            removal.result()

    def _sweep(self) -> None:
        """Once nothing takes files back from the last build's site: delete what is left of it
        (little: what the build did not write again), and a site set aside but never deleted."""
        folders = (*self.to_sweep, *self.set_aside)
        self.to_sweep = self.set_aside = ()
        if folders:
            remove(folders)

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.terms_dir))
        return server

    # -- files -----------------------------------------------------------------------------

    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.checked is not None
        self.env = config.theme.get_env()
        for page in plan_pages(self.checked.glossary, self.checked.entries):
            if page.kind is PageKind.PRACTICE and not self.config.practice:
                continue
            if files.get_file_from_path(page.src_uri) is not None:
                log.warning(
                    f"docs/{page.src_uri} exists, so the glossary's own page is not generated"
                )
                continue
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content="", inclusion=inclusion)
            files.append(file)
            self.planned[page.src_uri] = page
            self.planned_urls[page.src_uri] = file.url
            if page.part == 1:
                self.page_urls[(page.kind, page.key)] = file.url
        self._check_site(files, config)
        files.append(
            File.generated(config, urls.ASSETS + "site.js", content=assembled_script("site"))
        )
        style = compact_css((ASSETS / SITE_STYLE).read_text(encoding="utf-8"))
        files.append(File.generated(config, urls.ASSETS + SITE_STYLE, content=style))
        for name in THEME_SCRIPTS:
            files.append(
                File.generated(config, urls.ASSETS + name, abs_src_path=str(ASSETS / name))
            )
        sources = {
            f.src_uri: Path(f.abs_src_path)
            for f in files.documentation_pages()
            if f.abs_src_path and not f.generated_by
        }
        self.page_dates = {
            **source_file_dates(sources, Path(config.docs_dir)),
            **planned_page_dates(self.planned.values(), self.checked.glossary),
        }
        cards = (
            {}
            if not self.config.share_cards
            else card_files(
                self.checked,
                self.site,
                card_style(config.theme.get("palette")),
                self.cards,
                docs_dir=Path(config.docs_dir),
                description=config.site_description or "",
            )
        )
        # The practice questions files, the embedding kit and the share cards need nothing from
        # the pages: the worker makes and writes them (cards drawn or read from the cache).
        published: dict[str, Published] = dict(practice_files(self.study, self.checked.glossary))
        options = self.config
        if options.api or options.exports:
            overrides = [config.theme.custom_dir] if config.theme.custom_dir else []
            kit = published_files(
                self.checked,
                self.site,
                overrides,
                self.linker,
                self.study,
                api=options.api,
                exports=options.exports,
            )
            published.update(kit)
        if options.api:
            published[OEMBED_SITEMAP] = EMPTY_SITEMAP
        published[urls.AZ_NAMES_API] = partial(az_names, self.checked.glossary, self.directory_urls)
        if options.share_cards:
            published.update(cards)
        if self.config.web_editor.enabled:
            published.update(self._web_editor(config))
        own = {p: c for p, c in published.items() if files.get_file_from_path(p) is None}
        self.mentions = [
            slug
            for slug in self.checked.glossary.terms
            if files.get_file_from_path(urls.mentions_api(slug)) is None
        ]
        paths = (*own, *(urls.mentions_api(slug) for slug in self.mentions))
        self.published = [_WorkerFile.make(config, p) for p in paths]
        for file in self.published:
            files.append(file)
        # Written while pages build. The share card counts come back for the log, with the
        # search index's documents for the terms, made there too.
        reuse = self.set_aside[0] if self.set_aside else None
        kit = (
            MappingProxyType(own),
            config.site_dir,
            self.cards,
            self._search_inputs(config),
            reuse,
        )
        self.kit = self.runner.start(
            Work("writing the embedding kit", write_kit, kit, background=True)
        )
        self._start_removal(frozenset(paths))
        term_pages = [s for s, p in self.planned.items() if p.kind is PageKind.TERM]
        last = term_pages[len(term_pages) // 2 :] if len(term_pages) >= FORK_MIN_TERMS else []
        self.term_contents = MadeAhead(
            self.runner,
            f"making the last {len(last)} term pages",
            last,
            term_content,
            (self._term_pages(),),
        )
        return files

    def _search_inputs(self, config: MkDocsConfig) -> SearchInputs | None:
        """What the terms' search documents are made from (None: the site has no search)."""
        search = next(
            (p for name, p in config.plugins.items() if name.split("/")[-1] == "search"), None
        )
        if search is None or self.checked is None:
            return None
        pipeline = search.config.get("pipeline") or ()
        return SearchInputs(
            self.checked.glossary,
            MappingProxyType(self.checked.entries),
            MappingProxyType(
                {key: url for (kind, key), url in self.page_urls.items() if kind is PageKind.TERM}
            ),
            MappingProxyType(
                {
                    key: url
                    for (kind, key), url in self.page_urls.items()
                    if kind is PageKind.CATEGORY
                }
            ),
            unindexed_words(config.theme.dirs, pipeline),
        )

    def _term_pages(self) -> TermPages:
        assert self.checked is not None and self.linker is not None
        return TermPages(
            self.checked.glossary,
            MappingProxyType(self.checked.entries),
            MappingProxyType(self.related),
            MappingProxyType(self.planned),
            MappingProxyType(self.planned_urls),
            self.env,
            self.linker,
            self.directory_urls,
            self.config.link_mode,
        )

    def _web_editor(self, config: MkDocsConfig) -> dict[str, Published]:
        """/admin/'s files, with the repository and folders as the site's configuration names them."""
        assert self.checked is not None
        editor = self.config.web_editor
        repo = editor.repo or "/".join(
            urlsplit(config.repo_url or "").path.strip("/").split("/")[:2]
        )
        if not repo:
            raise PluginError(
                "termbook: web_editor needs `repo: owner/name` or the site's repo_url"
            )

        def in_repo(folder: Path) -> str:
            """The folder's path in its git repository (the backend's paths are the repo's)."""
            folder = folder.resolve()
            try:
                return repo_prefix(folder)[1].rstrip("/")
            except GitError:
                inside = (
                    folder.relative_to(self.root) if folder.is_relative_to(self.root) else folder
                )
                return inside.as_posix()

        modules = (self.root / editor.node_modules).resolve() if editor.node_modules else None
        settings = EditorSettings(
            site_name=self.site.name,
            repo=repo,
            terms_folder=in_repo(self.terms_dir),
            docs_folder=in_repo(Path(config.docs_dir)),
            backend=editor.backend,
            branch=editor.branch,
            base_url=editor.base_url or "",
            auth_endpoint=editor.auth_endpoint or "",
            open_authoring=editor.open_authoring,
            local_backend=editor.local_backend,
            site_url=config.site_url or "",
            node_modules=modules,
        )
        try:
            return dict(cms_files(self.checked.glossary, settings))
        except OSError as exc:
            raise PluginError(f"termbook: web_editor: {exc}") from exc

    def _check_site(self, files: Files, config: MkDocsConfig) -> None:
        """Warn (so --strict fails) where the site's own configuration hides the glossary."""
        docs = _shown_path(Path(config.docs_dir), self.root)
        if not any(files.get_file_from_path(name) for name in ("index.md", "README.md")):
            log.warning(
                f"{docs}/index.md is missing, so the site has no home page: add one "
                "(with `template: termbook/home.html` in its front matter for the glossary's "
                "search box, letters and categories)"
            )
        missing = missing_from_nav(config.nav, self.planned.values())
        if missing:
            listed = ", ".join(page.src_uri for page in missing)
            log.warning(
                f"the site's `nav` leaves out the glossary's {listed}, so readers cannot reach "
                f"them; add these lines under `nav:` in mkdocs.yml:\n{nav_lines(missing)}"
            )

    # -- pages -------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        stamp = self.page_dates.get(page.file.src_uri)
        if stamp is not None:  # the sitemap's lastmod: when the sources changed, not the build
            page.update_date = stamp.date().isoformat()
        planned = self.planned.get(page.file.src_uri)
        if page.is_homepage and not page.meta.get("description") and not config.site_description:
            # search engines show it under the link: better than nothing at all
            page.meta["description"] = escape(f"{self.site.name}: {self._count_phrase()}.")
        if planned is None:  # an article: Material's page with the share meta (and card)
            page.meta.setdefault("template", "termbook/page.html")
            return markdown
        # MkDocs themes print titles and descriptions unescaped (they are HTML by convention),
        # and these come from term files: escape them here, once.
        page.meta.setdefault("title", escape(planned.title))
        page.meta.setdefault("template", planned.template)
        page.meta.setdefault("description", escape(planned.description))
        page.meta["termbook"] = {"kind": planned.kind.value, "key": planned.key}
        page.meta["search"] = {"exclude": True}  # on_post_build indexes what readers look up
        return ""

    @event_priority(-50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.planned.get(page.file.src_uri)
        current = None
        if planned is not None and planned.kind is PageKind.TERM:
            current = planned.key
            assert self.term_contents is not None
            try:
                toc, result = self.term_contents.get(page.file.src_uri)
            except WorkFailed as error:
                raise PluginError(f"termbook: {error}") from error
            page.toc = get_toc(toc)
        else:
            if planned is not None:
                html, toc = self._render_generated(planned, page)
                page.toc = get_toc(toc)
                if planned.kind in (
                    PageKind.INDEX,
                    PageKind.PRACTICE,
                    PageKind.LETTER,
                    PageKind.NAME,
                ):
                    return html
            if page.meta.get("autolink", True) is False or self.linker is None:
                return html
            result = self._linked(html, page.url, None)
        for unresolved in result.unresolved:
            self._warn_unresolved(page, unresolved)
        for position, slug in enumerate(result.mentions):
            if slug != current:
                # page.title is HTML-escaped text (MkDocs' convention): the fragment escapes it
                title = unescape(page.title) if page.title else page.url
                self.mentioned_in.setdefault(slug, {})[page.url] = Mention(
                    page.url, title, position, current
                )
        result.html += previews_block(
            result.mentions, self.checked.glossary, self.checked.entries, result.shared
        )
        if planned is None and result.mentions and not page.is_homepage:
            result.html += self._fragment(
                "article-terms.html",
                terms=[self._ref(s, page) for s in result.mentions],
            )
        return result.html

    def _count_phrase(self) -> str:
        count = len(self.checked.glossary) if self.checked else 0
        return f"a dictionary of {count:,} term{'s' if count != 1 else ''}, from A to Z"

    def _warn_unresolved(self, page: Page, text: str) -> None:
        source = page.markdown or ""
        needle = "[[" + text
        offset = source.find(needle)
        line = source.count("\n", 0, offset) + 1 if offset >= 0 else 1
        path = f"docs/{page.file.src_uri}" if not page.file.generated_by else page.file.src_uri
        planned = self.planned.get(page.file.src_uri)
        if planned is not None and planned.kind is PageKind.TERM and self.checked:
            term = self.checked.glossary.terms[planned.key]
            path = term.source_path
            line = _line_in_yaml(self.root / term.source_path, needle)
        log.warning(
            f"{path}:{line}:1: warning: [[{text}]] does not name a term in the glossary [unresolved-link]"
        )

    def _href(self, target: str, page: Page) -> str:
        return urls.href(target, page.url, self.directory_urls)

    def _ref(self, slug: str, page: Page) -> dict[str, str]:
        assert self.checked is not None
        term = self.checked.glossary.terms[slug]
        return {
            "name": term.name,
            "url": self._href(urls.term_page(slug), page),
            "summary": self.checked.entries[slug].summary,
        }

    def _linked(self, html: str, page_url: str, current: str | None) -> LinkResult:
        if self.linker is None:
            return LinkResult(html)
        return linked(
            self.linker, html, page_url, current, self.directory_urls, self.config.link_mode
        )

    def _render_generated(self, planned: PlannedPage, page: Page) -> tuple[str, list[dict]]:
        assert self.checked is not None
        glossary, entries = self.checked.glossary, self.checked.entries

        def link(target: str) -> str:
            return self._href(target, page)

        if planned.kind is PageKind.INDEX:
            view = az_view(glossary, entries, link, self.site)
            page.meta["termbook_jsonld"] = view["jsonld"]
            return self._fragment("az.html", az=view), []
        if planned.kind is PageKind.PRACTICE:
            study = next(s for s in self.study if s.key == planned.key)
            view = practice_view(study, self.study, glossary, link)
            return self._fragment("practice.html", view=view), []
        if planned.kind is PageKind.LETTER:
            view = letter_view(glossary, entries, planned.key, planned.part, link, self.site)
            page.meta["termbook_jsonld"] = view["jsonld"]
            return self._fragment("letter.html", view=view, title=planned.title), []
        if planned.kind is PageKind.CATEGORIES:
            return self._fragment("categories.html", view=categories_view(glossary, link)), []
        if planned.kind is PageKind.NAME:
            view = shared_name_view(glossary, entries, planned.key, link)
            return self._fragment("shared-name.html", view=view), []
        view = category_view(glossary, entries, planned.key, link, planned.part)
        return self._fragment("category.html", category=view, title=planned.title), []

    def _fragment(self, template: str, **context: Any) -> str:
        return fragment(self.env, template, **context)

    def _mentions_files(self) -> dict[str, Published]:
        """The full "Mentioned in" list of each term whose page lists only part of it, made when
        written: after every page has been linked (MkDocs links all pages before it renders
        templates), so the lists are complete."""
        return {
            urls.mentions_api(slug): partial(
                _mentions_file, slug, tuple(mentions.values()), frozenset(self.close.get(slug, ()))
            )
            for slug in self.mentions
            if not listed_in_full(mentions := self.mentioned_in.get(slug, {}))
        }

    # -- templates -----------------------------------------------------------------------

    def on_env(self, env, config: MkDocsConfig, files: Files):
        assert self.checked is not None
        settle_heap()  # and the pages, read and linked, stay until the build ends
        # Pages are rendered, so links to the published files have been checked. MkDocs lists
        # every file in each page's template context: thousands of them would cost more than
        # the pages. The worker writes them; MkDocs no longer needs to know them.
        for file in self.published:
            files.remove(file)
        # Every page is linked: the "Mentioned in" lists are complete, and are written while
        # MkDocs renders the pages' templates.
        reuse = self.to_sweep[0] if self.to_sweep else None
        lists = (MappingProxyType(self._mentions_files()), config.site_dir, reuse)
        self.mentions_job = self.runner.start(
            Work("writing the 'Mentioned in' lists", write_files, lists, background=True)
        )
        glossary = self.checked.glossary
        featured = featured_term(glossary, self.config.featured)
        self._home = lambda link: home_view(
            glossary, self.checked.entries, featured, link, self.site.like_endpoint
        )
        return env

    @event_priority(50)
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        assert self.checked is not None

        def link(target: str) -> str:
            return self._href(target, page)

        if page.is_homepage or page.meta.get("template") == "termbook/home.html":
            context["termbook_home"] = self._home(link)
            if not self.config.practice:
                context["termbook_home"]["practice_url"] = ""
        planned = self.planned.get(page.file.src_uri)
        is_term = planned is not None and planned.kind is PageKind.TERM
        context["termbook_card"] = (
            card_meta(
                self.checked.glossary.terms[planned.key] if is_term else None, self.site, link
            )
            if self.config.share_cards
            else None
        )
        if not is_term:
            return context
        glossary = self.checked.glossary
        term = glossary.terms[planned.key]
        mentions = self.mentioned_in.get(term.slug, {})
        if mentions:
            shown = most_useful(mentions.values(), self.close.get(term.slug, set()))
            fragment = self._fragment(
                "mentioned-in.html",
                pages=[{"title": m.title, "url": link(m.url)} for m in shown],
                total=len(mentions),
                term_name=term.name,
                all_url="" if listed_in_full(mentions) else link(urls.mentions_api(term.slug)),
            )
            page.content = (page.content or "") + fragment
            page.toc.items.extend(
                AnchorLink(title, anchor, 2) for anchor, title in sections(fragment)
            )
        context["termbook_term"] = term_view(
            glossary, self.checked.entries, term, self.related.get(term.slug, []), link, self.site
        )
        return context

    # -- search --------------------------------------------------------------------------

    @event_priority(100)
    def _wait_for_published(self, config: MkDocsConfig) -> None:
        """Before any plugin's post-build step reads the site, the embedding kit is written
        and the last build's files are gone."""
        kit, self.kit = self.kit, None
        mentions, self.mentions_job = self.mentions_job, None
        try:
            self._wait_for_removal()
            if mentions is not None:
                mentions.result()
            if kit is not None:
                (self.cards.drawn, self.cards.reused), self.search_docs = kit.result()
        except WorkFailed as error:
            raise PluginError(f"termbook: {error}") from error
        self._sweep()

    @event_priority(-90)
    def _add_to_search(self, config: MkDocsConfig) -> None:
        """Material's search has written its index: add one small document per term and category.
        Before Material's offline plugin (-100) copies the index into search/search_index.js."""
        log.info(f"share cards: {self.cards.drawn} drawn, {self.cards.reused} from the cache")
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.checked is None or not path.is_file():
            return
        added = self.search_docs
        if added is None:
            inputs = self._search_inputs(config)
            added = glossary_search_documents(inputs) if inputs is not None else []
        index = with_documents(json.loads(path.read_text(encoding="utf-8")), added)
        install_search_worker(Path(config.site_dir))
        if termbook_worker_in(Path(config.site_dir)):
            index = packed_index(index)
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    @event_priority(-100)
    def _unsettle_heap(self, config: MkDocsConfig) -> None:
        unsettle_heap()

    on_post_build = CombinedEvent(_wait_for_published, _add_to_search, _unsettle_heap)

    def on_build_error(self, error: Exception) -> None:
        if self.term_contents is not None:
            self.term_contents.cancel()
        for job in (self.kit, self.mentions_job):
            if job is not None:
                job.cancel()
        self.kit = self.mentions_job = None
        self._wait_for_removal()
        self._sweep()
        unsettle_heap()


class _WorkerFile(File):
    """A published file: MkDocs knows it while pages are linked (links to it resolve) but does
    not write it; the plugin's work beside the build does (``write_kit``)."""

    @classmethod
    def make(cls, config: MkDocsConfig, path: str) -> File:
        return cls.generated(config, path, content="")

    def copy_file(self, dirty: bool = False) -> None:
        """Written beside the build."""


@dataclass(frozen=True)
class TermPages:
    """What a term page's body is made from: explicit, so a child made by the runner reads
    nothing of the plugin's changing state."""

    glossary: Glossary
    entries: MappingProxyType[str, Entry]
    related: MappingProxyType[str, list[str]]
    planned: MappingProxyType[str, PlannedPage]
    planned_urls: MappingProxyType[str, str]
    env: Any
    """The theme's Jinja environment: the fragments' templates."""
    linker: Linker
    directory_urls: bool
    link_mode: str


def term_content(src_uri: str, pages: TermPages) -> tuple[list[dict], LinkResult]:
    """A term page's table of contents and linked body. It needs the page's URL and nothing
    else of the page, so the pages built last can be made ahead, by a child."""
    planned, url = pages.planned[src_uri], pages.planned_urls[src_uri]
    entry = pages.entries[planned.key]

    def link(target: str) -> str:
        return urls.href(target, url, pages.directory_urls)

    view = entry_view(pages.glossary, entry, pages.related.get(planned.key, []), link)
    html = fragment(pages.env, "entry.html", entry=view)
    toc = [_toc(anchor, title) for anchor, title in sections(html)]
    return toc, linked(pages.linker, html, url, planned.key, pages.directory_urls, pages.link_mode)


def linked(
    linker: Linker, html: str, page_url: str, current: str | None, directory_urls: bool, mode: str
) -> LinkResult:
    """``html`` with its mentions linked, relative to ``page_url``."""
    return linker.link_html(
        html,
        url_for=lambda key: urls.href(urls.link_page(key), page_url, directory_urls),
        current_slug=current,
        mode=mode,
    )


def fragment(env: Any, template: str, **context: Any) -> str:
    """One of the package's fragment templates, rendered (a theme's override first)."""
    return env.get_template(f"termbook/fragments/{template}").render(**context)


def _mentions_file(slug: str, mentions: tuple[Mention, ...], close: frozenset[str]) -> str:
    return mentions_document(slug, most_useful(mentions, close, None))


def _toc(anchor: str, title: str) -> dict:
    return {"level": 2, "id": anchor, "name": title, "children": []}


def _line_in_yaml(path: Path, needle: str) -> int:
    """The line of a term file where ``needle`` first appears (1 when it cannot be found)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return 1
    offset = text.find(needle)
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def _shown_path(path: Path, root: Path) -> str:
    """``path`` as the site's owner wrote it: relative to mkdocs.yml where it is below it."""
    path = path.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
