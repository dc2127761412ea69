"""Search that knows the dictionary, typed into Material's search box of the real site.

The project's own site is built once (``project_url``); one page types every query, as a
reader does, and reads the result list Material renders: titles in order, and the text under
the first result.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from termbook.pages.searchpack import VOCABULARY, unpacked_index

SEARCH_INPUT = "input.md-search__input"
RESULT_TITLES = ".md-search-result__item > a:first-child article > h1"
FIRST_TEXT = ".md-search-result__item:first-child > a:first-child article"


@pytest.fixture(scope="module")
def search_page(chromium_browser: Browser, project_url: str) -> Iterator[Page]:
    """The home page with its search ready, shared by the tests of this module."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(project_url)
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    yield page
    context.close()


@pytest.fixture(scope="module")
def summaries(project_site: Path) -> dict[str, str]:
    """Each term's name → its first sentence, from the index the site ships."""
    index = json.loads((project_site / "search" / "search_index.json").read_text("utf-8"))
    return {d["title"]: d["text"] for d in index["docs"] if d["location"].startswith("terms/")}


WATCH_RESULTS = """() => {
    if (window.__resultsChanged !== undefined) return;
    window.__resultsChanged = performance.now();
    const note = () => { window.__resultsChanged = performance.now(); };
    const list = document.querySelector('.md-search-result');
    new MutationObserver(note).observe(list, { childList: true, subtree: true, characterData: true });
}"""
SETTLED = """([selector, query]) => document.querySelector(selector).value === query
    && performance.now() - window.__resultsChanged > 250"""


def search(page: Page, query: str) -> list[str]:
    """Types ``query`` key by key into the search box; the result titles, best first.

    Each keystroke sends a query and each answer re-renders the list: the list is read once it
    has not changed for a while after the last key.
    """
    page.evaluate(WATCH_RESULTS)
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    page.wait_for_function(SETTLED, arg=[SEARCH_INPUT, query])
    return [t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("grip", "Grip"),
        ("shot", "Shot"),
        ("cinematog", "Cinematographer"),
        ("mise en scene", "Mise-en-scène"),
        ("P&A", "P&A"),
        ("1st AC", "Focus Puller"),
        ("rack focus", "Racking Focus"),
        ("focus pull", "Racking Focus"),
        ("autocue", "Teleprompter"),
        ("DP", "Cinematographer"),
        ("Prints and Advertising", "P&A"),
        ("grips", "Grip"),
        ("dollies", "Dolly"),
    ],
)
def test_name_alias_or_first_letters_find_the_term_first(
    search_page: Page, query: str, first: str
) -> None:
    titles = search(search_page, query)
    assert titles and titles[0] == first, titles[:5]


def test_exact_headword_ranks_above_longer_names_containing_it(search_page: Page) -> None:
    titles = search(search_page, "grip")
    assert titles[0] == "Grip"
    for longer in ("Key Grip", "Grip Truck", "Dolly Grip"):
        assert longer in titles, titles
    shots = search(search_page, "shot")
    assert shots[0] == "Shot"
    assert "Shotgun Microphone" in shots[1:]


def test_result_shows_the_name_aliases_and_first_sentence(
    search_page: Page, summaries: dict[str, str]
) -> None:
    search(search_page, "autocue")
    first = search_page.locator(FIRST_TEXT)
    expect(first.locator("h1")).to_have_text("Teleprompter")
    expect(first.locator(".tb-aka")).to_have_text("Also Autocue.")
    sentence = summaries["Teleprompter"].split("</span> ", 1)[1].removesuffix("</p>")
    assert sentence.endswith(".") and len(sentence) > 20
    expect(first).to_contain_text(sentence)


def test_enter_opens_the_exact_match(search_page: Page, project_url: str) -> None:
    search(search_page, "shot")
    search_page.keyboard.press("Enter")
    search_page.wait_for_url(f"{project_url}terms/shot/**")
    expect(search_page.locator("h1")).to_have_text("Shot")
    search_page.goto(project_url)
    expect(search_page.locator(".md-search-result__meta")).to_have_text("Type to start searching")


@pytest.fixture(scope="module")
def shipped_index(project_site: Path) -> dict:
    """The site's search index with its definition words as words (the site packs them)."""
    index = json.loads((project_site / "search" / "search_index.json").read_text("utf-8"))
    assert VOCABULARY in index["config"]  # packed: Termbook's worker unpacks it
    return unpacked_index(index)


def words_only_in_one_document(
    index: dict, count: int, field: str = "body", pattern: str = r"[a-z]+"
) -> dict[str, str]:
    """``count`` words of ``pattern`` that only one term's ``field`` holds (no other document
    of the index, no name, no first sentence): word → that term's name, spread over the
    alphabet."""
    where: dict[str, set[int]] = {}
    for number, doc in enumerate(index["docs"]):
        text = " ".join(str(v) for k, v in doc.items() if k not in ("location", "boost"))
        for word in re.findall(r"\w+", text.lower()):
            where.setdefault(word, set()).add(number)
    found = {}
    for number, doc in enumerate(index["docs"]):
        for word in doc.get(field, "").split():
            if re.fullmatch(pattern, word) and len(word) >= 6 and where.get(word) == {number}:
                found[word] = html.unescape(doc["title"])  # titles are HTML in the index
    words = sorted(found)
    step = max(1, len(words) // count)
    return {w: found[w] for w in words[::step][:count]}


def missed_by_search(page: Page, probes: dict[str, str]) -> dict[str, tuple]:
    """The probe words whose term is not among the first three results."""
    missed = {}
    for word, name in probes.items():
        titles = search(page, word)
        if name not in titles[:3]:
            missed[word] = (name, titles[:5])
    return missed


def test_words_from_the_body_of_a_definition_find_the_term(
    search_page: Page, shipped_index: dict
) -> None:
    """A reader who remembers what a thing does, not what it is called: every word of a
    definition is in the index, not only the names and the first sentence."""
    probes = words_only_in_one_document(shipped_index, 8)
    assert len(probes) == 8, probes
    assert not missed_by_search(search_page, probes)


def test_words_of_examples_and_trivia_find_the_term(search_page: Page, shipped_index: dict) -> None:
    probes = words_only_in_one_document(shipped_index, 4, field="more")
    assert len(probes) == 4, probes
    assert not missed_by_search(search_page, probes)


def test_words_with_letters_beyond_ascii_find_the_term(
    search_page: Page, shipped_index: dict
) -> None:
    """ "cliché", "ingénue": the packed index carries them through the worker as written."""
    probes = {
        **words_only_in_one_document(shipped_index, 2, "body", r"\w*[^\x00-\x7f]\w*"),
        **words_only_in_one_document(shipped_index, 2, "more", r"\w*[^\x00-\x7f]\w*"),
    }
    assert len(probes) >= 3, probes
    assert not missed_by_search(search_page, probes)


def test_a_definition_word_does_not_outrank_the_name(search_page: Page) -> None:
    """ "dolly" is in many definitions; the term named Dolly still comes first."""
    titles = search(search_page, "dolly")
    assert titles[0] == "Dolly"
    assert len(titles) > 3  # the definitions that mention dollies are found too


def test_generated_lists_are_not_results(search_page: Page) -> None:
    """The A–Z index mentions every term: it would match every query, so it is not indexed."""
    titles = search(search_page, "grip")
    assert "A–Z index" not in titles and "Categories" not in titles


def test_home_page_search_form_opens_the_results(page: Page, project_url: str) -> None:
    page.goto(project_url)
    page.get_by_role("searchbox", name="Name, alias or first letters of a term").fill("1st AC")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/?q=1st+AC")
    expect(page.locator(SEARCH_INPUT)).to_have_value("1st AC")
    expect(page.locator(RESULT_TITLES).first).to_have_text("Focus Puller")
    assert page.errors_seen == []


ASK_THE_WORKER = """async (queries) => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const index = await (await fetch(new URL("search/search_index.json", location.href))).json();
    const worker = new Worker(new URL(config.search, location.href));
    const answers = [];
    let ready;
    const done = new Promise((resolve) => { ready = resolve; });
    worker.onmessage = (event) => {
        if (event.data.type === 1) {
            for (const query of queries) worker.postMessage({ type: 2, data: query });
        } else if (event.data.type === 3) {
            answers.push(event.data.data);
            if (event.data.data.query === queries[queries.length - 1]) ready();
        }
    };
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
    await done;
    worker.terminate();
    return answers.map((answer) => ({
        query: answer.query,
        titles: answer.items.map((group) => group[0].title),
        fields: [...new Set(answer.items.flat().flatMap((item) => Object.keys(item)))],
    }));
}"""


def test_the_search_worker_answers_the_newest_query_without_hidden_fields(
    search_page: Page,
) -> None:
    """Keystrokes faster than the worker: each answer names its query, none comes after a
    newer one, the last typed is answered, and results carry no field only matching uses."""
    typed = ["d", "do", "dol", "doll", "dolly"]
    answers = search_page.evaluate(ASK_THE_WORKER, typed)
    asked = [answer["query"] for answer in answers]
    assert asked[-1] == "dolly" and asked == sorted(asked, key=typed.index)
    assert re.sub(r"<[^>]+>", "", answers[-1]["titles"][0]) == "Dolly"  # highlighted
    fields = {field for answer in answers for field in answer["fields"]}
    assert {"title", "text", "location"} <= fields
    assert not fields & {"names", "last", "body", "more"}


ASK_ONE_BY_ONE = """async ([index, queries]) => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const worker = new Worker(new URL(config.search, location.href));
    let answer;
    worker.onmessage = (event) => answer && answer(event.data);
    const next = () => new Promise((resolve) => { answer = resolve; });
    let message = next();
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
    await message;  // ready
    const results = [];
    for (const query of queries) {
        message = next();
        worker.postMessage({ type: 2, data: query });
        const { data } = await message;
        results.push(data.items.flat().map((item) => [item.location, item.score]));
    }
    worker.terminate();
    return results;
}"""


def test_the_packed_index_finds_and_ranks_as_the_plain_word_lists_did(
    search_page: Page, project_site: Path, shipped_index: dict
) -> None:
    """Material's worker given the index as shipped (packed, unpacked by Termbook's worker) and
    given it with the plain word lists: the same results with the same scores, for names,
    definition words and words of examples, so lunr's index is the one it always built."""
    packed = json.loads((project_site / "search" / "search_index.json").read_text("utf-8"))
    queries = [
        "grip",
        "dolly",
        "camera light",
        *words_only_in_one_document(shipped_index, 4),
        *words_only_in_one_document(shipped_index, 2, field="more"),
    ]
    shipped = search_page.evaluate(ASK_ONE_BY_ONE, [packed, queries])
    plain = search_page.evaluate(ASK_ONE_BY_ONE, [shipped_index, queries])
    assert all(shipped) and shipped == plain
    # Unpacked, the words come in the vocabulary's order, not the definition's: lunr keeps none.
    reordered = {
        **shipped_index,
        "docs": [
            {k: " ".join(reversed(v.split())) if k in ("body", "more") else v for k, v in d.items()}
            for d in shipped_index["docs"]
        ],
    }
    assert search_page.evaluate(ASK_ONE_BY_ONE, [reordered, queries]) == plain


def test_the_search_index_waits_until_the_page_is_on_screen(new_page, project_url) -> None:
    """The index (the largest download) is not requested while the page paints: it starts
    after the load event (or at once when the reader turns to search: the other search tests
    type at once and find results)."""
    page = new_page()
    events: list[str] = []
    page.on("request", lambda r: "search_index.json" in r.url and events.append("index"))
    page.on("load", lambda: events.append("load"))
    with page.expect_request("**/search/search_index.json"):
        page.goto(project_url + "terms/racking-focus/")
    assert events[:2] == ["load", "index"], events
