"""The search index's definition words packed for the wire (`termbook.pages.searchpack`) and
unpacked by Termbook's search worker, run here by node as the browser runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projects import cloud_project, cloud_terms, run_build
from termbook.glossary.rendered import check_terms
from termbook.pages.searchindex import (
    BODY_FIELD,
    MORE_FIELD,
    glossary_docs,
    search_documents,
    with_documents,
)
from termbook.pages.searchpack import (
    CONTINUING,
    FINAL,
    VOCABULARY,
    pack_numbers,
    packed_index,
    unpack_numbers,
    unpacked_index,
)
from termbook.pages.searchworker import WORKERS, install_search_worker, termbook_worker_in

MATERIAL_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}}}
NON_ASCII_TRIVIA = {
    "cluster": (
        'trivia: "Kubernetes is the Greek κυβερνήτης, a helmsman; its ancestor Borg was named'
        ' for a hive mind, déjà vu for science-fiction fans."'
    )
}
"""The cloud glossary is all ASCII: one trivia line of our own with other letters."""


@given(st.sets(st.integers(min_value=0, max_value=200_000)))
def test_numbers_come_back_in_order(numbers: set[int]) -> None:
    assert unpack_numbers(pack_numbers(numbers)) == sorted(numbers)


def test_a_gap_is_one_character_below_62_two_below_1922_three_below_57722() -> None:
    """The lengths the format promises (the module doc), and no separators between gaps."""
    lengths = [len(pack_numbers([n])) for n in (0, 61, 62, 1921, 1922, 57721, 57722)]
    assert lengths == [1, 1, 2, 2, 3, 3, 4]
    assert pack_numbers([0, 1, 2, 64]) == "000z"  # gaps 0, 0, 0, 61
    assert pack_numbers([5, 3]) == pack_numbers([3, 5]) == "31"
    assert set(pack_numbers(range(0, 10**6, 997))) <= set(FINAL + CONTINUING)
    assert not set(FINAL + CONTINUING) & set('"\\ ')  # nothing JSON escapes, no space


@pytest.mark.parametrize("text", ["0 1", '0"', "!", "0!!", "é"])
def test_what_the_packer_never_writes_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        unpack_numbers(text)


WORD = st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=12)


@given(st.lists(st.tuples(st.sets(WORD, max_size=12), st.sets(WORD, max_size=6)), max_size=12))
def test_packed_and_unpacked_each_document_has_the_same_words(bags) -> None:
    docs = [{"location": f"terms/t{i}/", "title": f"T{i}"} for i in range(len(bags))]
    for doc, (body, more) in zip(docs, bags, strict=True):
        if body:
            doc[BODY_FIELD] = " ".join(sorted(body))
        if more:
            doc[MORE_FIELD] = " ".join(sorted(more))
    index = {"config": dict(MATERIAL_CONFIG), "docs": docs}
    packed = packed_index(index)
    assert all(set(d.get(BODY_FIELD, "")) <= set(FINAL + CONTINUING) for d in packed["docs"])
    unpacked = unpacked_index(packed)
    assert unpacked["config"] == MATERIAL_CONFIG
    vocabulary = packed["config"][VOCABULARY].split(" ")
    for before, after in zip(docs, unpacked["docs"], strict=True):
        assert before.keys() == after.keys()
        for field in (BODY_FIELD, MORE_FIELD):
            if field in before:
                words = after[field].split(" ")
                assert sorted(words) == sorted(before[field].split(" "))
                assert words == sorted(words, key=vocabulary.index)
    assert packed_index(packed) == packed  # packing again packs the words again, as new


def test_the_words_most_documents_hold_get_the_smallest_numbers() -> None:
    docs = [
        {"location": "a", BODY_FIELD: "rare grip"},
        {"location": "b", BODY_FIELD: "grip flag", MORE_FIELD: "zebra"},
        {"location": "c", BODY_FIELD: "flag grip"},
        {"location": "d", "text": "<p>No hidden words.</p>"},
    ]
    packed = packed_index({"config": {}, "docs": docs})
    assert packed["config"][VOCABULARY] == "grip flag rare zebra"  # ties: alphabetical
    assert [d.get(BODY_FIELD) for d in packed["docs"]] == ["01", "00", "00", None]
    assert packed["docs"][1][MORE_FIELD] == "3"
    assert unpacked_index(packed)["docs"][0][BODY_FIELD] == "grip rare"
    assert unpacked_index({"config": {}, "docs": docs})["docs"] == docs  # plain: as it is


NODE = shutil.which("node")
STAND_IN = """/* Material's worker, as far as this test needs it: it says what the setup gave it. */
self.addEventListener("message", (event) => {
  if (event.data.type === 0) postMessage({ type: 1, index: event.data.data });
});
"""
RUN_WORKER = """
const fs = require("fs");
const vm = require("vm");
const { pathToFileURL, fileURLToPath } = require("url");
const [worker, indexFile] = process.argv.slice(1);
const target = new EventTarget();
const posted = [];
const scope = {
  console, URL, MessageEvent, setTimeout,
  addEventListener: target.addEventListener.bind(target),
  dispatchEvent: target.dispatchEvent.bind(target),
  postMessage: (message) => posted.push(message),
  location: { href: pathToFileURL(worker).href },
};
scope.self = scope;
const context = vm.createContext(scope);
scope.importScripts = (...urls) => {
  for (const url of urls) vm.runInContext(fs.readFileSync(fileURLToPath(url), "utf8"), context);
};
vm.runInContext(fs.readFileSync(worker, "utf8"), context);
const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const data = { config: index.config, docs: index.docs, options: { suggest: false } };
target.dispatchEvent(new MessageEvent("message", { data: { type: 0, data } }));
process.stdout.write(JSON.stringify(posted));
"""


def setup_seen_by_material(tmp_path: Path, index: dict) -> dict:
    """The index as Material's worker receives it from Termbook's real worker script (node)."""
    site = tmp_path / "site"
    (site / WORKERS).mkdir(parents=True)
    (site / WORKERS / "search.0123abcd.min.js").write_text(STAND_IN, encoding="utf-8")
    assert install_search_worker(site) is not None
    (tmp_path / "index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [NODE, "-e", RUN_WORKER, str(site / WORKERS / "search.0123abcd.min.js"), "index.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [message] = json.loads(done.stdout)
    assert message["type"] == 1, done.stderr
    return message["index"]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_termbooks_worker_gives_material_every_word_of_the_cloud_glossary(tmp_path: Path) -> None:
    """Packed by Python, unpacked by the worker script the site ships: each document of the
    cloud glossary's index (another field's words, with Greek and French letters in a trivia
    line) reaches Material's worker with the words it had before packing, no vocabulary left."""
    terms = cloud_terms(tmp_path / "terms", NON_ASCII_TRIVIA)
    checked = check_terms(terms, tmp_path, dates=False)
    found = glossary_docs(
        checked.glossary, checked.entries, lambda s: f"terms/{s}/", lambda s: f"categories/{s}/"
    )
    plain = with_documents({"config": dict(MATERIAL_CONFIG), "docs": []}, search_documents(*found))
    packed = packed_index(plain)
    seen = setup_seen_by_material(tmp_path, packed)
    assert seen["config"] == plain["config"]
    assert seen["docs"] == unpacked_index(packed)["docs"]
    words = 0
    for before, after in zip(plain["docs"], seen["docs"], strict=True):
        assert before.keys() == after.keys()
        for field in (BODY_FIELD, MORE_FIELD):
            if field in before:
                assert sorted(after[field].split(" ")) == sorted(before[field].split(" "))
                words += len(before[field].split(" "))
    assert words > 100
    cluster = next(d for d in seen["docs"] if d["location"] == "terms/cluster/")
    assert {"κυβερνήτης", "déjà", "helmsman"} <= set(cluster[MORE_FIELD].split(" "))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_a_broken_packed_field_is_reported_and_the_rest_still_unpacks(tmp_path: Path) -> None:
    index = packed_index(
        {"config": {}, "docs": [{"location": "a", BODY_FIELD: "x y"}, {"location": "b"}]}
    )
    index["docs"][1][BODY_FIELD] = "0!"  # ends within a gap
    seen = setup_seen_by_material(tmp_path, index)
    assert [d.get(BODY_FIELD) for d in seen["docs"]] == ["x y", None]


def test_a_built_site_with_termbooks_worker_ships_the_packed_index(tmp_path: Path) -> None:
    site = run_build(cloud_project(tmp_path))
    raw = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert termbook_worker_in(site) and VOCABULARY in raw["config"]
    index = unpacked_index(raw)
    cluster = next(d for d in index["docs"] if d["location"] == "terms/cluster/")
    assert {"scheduler", "starving"} <= set(cluster[BODY_FIELD].split(" "))
    packed = next(d for d in raw["docs"] if d["location"] == "terms/cluster/")
    assert set(packed[BODY_FIELD]) <= set(FINAL + CONTINUING)


def test_without_materials_worker_the_word_lists_stay_plain(tmp_path: Path) -> None:
    """Another theme's search, or none Termbook can wrap: nothing unpacks, so nothing is packed."""
    assert not termbook_worker_in(tmp_path)
    (tmp_path / WORKERS).mkdir(parents=True)
    assert install_search_worker(tmp_path) is None and not termbook_worker_in(tmp_path)
    (tmp_path / WORKERS / "search.0123abcd.min.js").write_text("/* material */", encoding="utf-8")
    assert not termbook_worker_in(tmp_path)
    install_search_worker(tmp_path)
    assert termbook_worker_in(tmp_path)
