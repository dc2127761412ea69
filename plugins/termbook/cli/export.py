"""`termbook export`: the glossary as JSON, TBX, SKOS, Moodle XML, CSV or a SCORM package,
and as study material: an Anki deck, a Moodle question bank, a SCORM quiz (1.2 or 2004).

The file formats come from the engine-free `termbook.publish.exports`; the glossary's name and
address come from mkdocs.yml when there is one (read as plain YAML), so the files match the
site's. The SCORM packages (1.2 and 2004 4th Edition) are a real offline build of the site, so
those formats run MkDocs, with everything that would reach outside the package turned off.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from termbook.cli.options import terms_folder
from termbook.glossary.problems import Severity, format_problems
from termbook.glossary.rendered import RenderedGlossary, check_terms
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import COMMAND_FORMATS, FORMATS, formats_help, scorm_quiz
from termbook.publish.exports import scorm as scorm_package
from termbook.publish.exports.scorm import SITE_PACKAGES, SitePackage


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the glossary in a format other tools import: " + ", ".join(COMMAND_FORMATS),
        description=(
            f"Write the glossary in a format other tools import: {formats_help()}. A SCORM "
            "package of the site is a zip of an offline build for an LMS: one attempt per "
            "launch, nothing loaded from outside the package; it needs -o and the site's "
            "mkdocs.yml. Prints to standard output unless -o is given."
        ),
    )
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=tuple(COMMAND_FORMATS),
        help="the output format",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.add_argument(
        "--mastery",
        type=int,
        default=scorm_quiz.MASTERY,
        metavar="N",
        help=f"SCORM quiz: the score in percent that passes (default: {scorm_quiz.MASTERY})",
    )
    parser.add_argument(
        "--questions",
        type=int,
        default=scorm_quiz.QUESTIONS,
        metavar="N",
        help=f"SCORM quiz: how many questions the quiz asks (default: {scorm_quiz.QUESTIONS})",
    )
    parser.add_argument(
        "--config-file",
        default="mkdocs.yml",
        metavar="FILE",
        help="the site's mkdocs.yml, for its name and address (default: mkdocs.yml)",
    )
    parser.add_argument(
        "terms_dir",
        nargs="?",
        metavar="TERMS_DIR",
        help="folder of term files (default: the site's terms_dir, else terms)",
    )
    parser.set_defaults(run=run)


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain values, ignoring tags such as !ENV or !!python/name."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(config_file: Path) -> dict[str, Any]:
    """site_name, site_url and the termbook plugin's options, or {} without a readable file."""
    try:
        with config_file.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_LenientLoader)  # a SafeLoader: no Python objects
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else _plugin_items(plugins)
    for name, options in items:
        if name == "termbook":
            return options if isinstance(options, dict) else {}
    return {}


def _plugin_items(plugins: list) -> list[tuple[str, Any]]:
    items = []
    for item in plugins:
        if isinstance(item, str):
            items.append((item, {}))
        elif isinstance(item, dict):
            items.extend(item.items())
    return items


def site_info(config: dict[str, Any]) -> SiteInfo:
    options = plugin_options(config)
    name = options.get("glossary_name") or config.get("site_name") or "Glossary"
    return SiteInfo(name=str(name), site_url=str(config.get("site_url") or ""))


def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    config = read_site_config(config_file)
    if not 0 <= args.mastery <= 100 or args.questions < 1:
        print(
            "termbook export: error: --mastery is a percentage (0 to 100) and --questions at "
            "least 1",
            file=sys.stderr,
        )
        return 2
    site_package = SITE_PACKAGES.get(args.format)
    if site_package:
        if not args.output:
            print(
                f"termbook export: error: --format {args.format} needs -o FILE.zip "
                f"(for example -o {site_package.filename})",
                file=sys.stderr,
            )
            return 2
        if not config_file.is_file():
            print(
                f"termbook export: error: {config_file} not found: the SCORM package is a build "
                "of the site (use --config-file)",
                file=sys.stderr,
            )
            return 2
    options = plugin_options(config)
    default_dir = config_file.parent / str(options.get("terms_dir") or "terms")
    terms_dir = terms_folder(args.terms_dir or default_dir, "export")
    if terms_dir is None:
        return 2
    checked = check_terms(terms_dir, Path.cwd())
    if checked.count(Severity.ERROR):
        errors = [p for p in checked.problems if p.severity is Severity.ERROR]
        print(format_problems(errors, "text"), file=sys.stderr)
        print("termbook export: error: fix the term files first", file=sys.stderr)
        return 1
    site = site_info(config)
    if site_package:
        content: str | bytes = build_scorm(config_file, site.name, site_package)
    elif args.format in scorm_quiz.VERSIONS:
        version = scorm_quiz.VERSIONS[args.format]
        content = scorm_quiz.package(checked, site, args.mastery, args.questions, version)
    else:
        content = FORMATS[args.format].render(checked, site)
    return _write(content, args.output, checked)


def _write(content: str | bytes, output: str | None, checked: RenderedGlossary) -> int:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output:
        Path(output).write_bytes(data)
        print(f"wrote {output} ({len(checked.glossary)} terms)", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def offline_plugins(plugins: Any) -> list:
    """The site's plugins for a package: search on, Material's offline plugin off.

    The offline plugin would add a Worker shim from a CDN to every page; the package brings its
    own (``scorm.WORKER_SHIM``) and writes the search index as a script itself. Termbook's own
    options lose what reaches outside: share links (they name the public site) and the like
    counter's endpoint.
    """
    pairs = plugins.items() if isinstance(plugins, dict) else _plugin_items(plugins or ["search"])
    items = []
    for name, options in pairs:
        if name in ("offline", "material/offline"):
            continue
        options = dict(options or {})
        if name == "termbook":
            options["share"] = []
            options.pop("like_endpoint", None)
        items.append({name: options})
    names = [next(iter(item)) for item in items]
    if "search" not in names and "material/search" not in names:
        items.insert(0, {"search": {}})
    return items


OFFLINE_SETTINGS: dict[str, Any] = {
    "use_directory_urls": False,  # links open files, as a folder or an LMS serves them
    "site_url": "",  # no canonical, share or API address pointing at the public site
    "repo_url": "",  # no repository facts fetched from the forge's API
    "edit_uri": "",
}


def offline_config(config: Any, worker_shim: str) -> Any:
    """The loaded MkDocs config, changed so that no page requests anything outside the package."""
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    config.theme["font"] = False  # the system's fonts, not a font CDN's
    polyfills = [p for p in config.extra.get("polyfills", []) if "://" not in str(p)]
    config.extra["polyfills"] = [*polyfills, worker_shim]
    return config


def build_scorm(config_file: Path, title: str, site_package: SitePackage) -> bytes:
    """Build the site offline (no directory URLs, nothing remote) and package it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        raw = yaml_load(stream) or {}
    with tempfile.TemporaryDirectory(prefix="termbook-scorm-") as site_dir:
        config = load_config(
            str(config_file),
            site_dir=site_dir,
            plugins=offline_plugins(raw.get("plugins")),
            **OFFLINE_SETTINGS,
        )
        offline_config(config, scorm_package.WORKER_SHIM)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return scorm_package.package(Path(site_dir), title, site_package.version)
