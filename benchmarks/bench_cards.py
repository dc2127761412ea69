"""Share card cost: a Termbook build with an empty card cache (cold: every card drawn), the same
build again (warm: every card read back), and a plain MkDocs + Material build of the same pages,
all in one run on the same synthetic corpus as `bench_build.py`. One term in ten carries one of
the dictionary's own SVG illustrations, so rasterising is measured too.

    python benchmarks/bench_cards.py --terms 2000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import load_average, timed_build, write_plain_project, write_termbook_project
from corpus import generate_corpus

from termbook.names.folding import slugify
from termbook.publish.cards import Card, draw_card, find_fonts
from termbook.publish.palette import card_style

REPO = Path(__file__).resolve().parent.parent
DRAWINGS = sorted((REPO / "docs" / "images" / "terms").glob("*.svg"))
CACHE = Path(".cache/termbook/cards")


def illustrate(corpus: list[dict], every: int = 10) -> list[dict]:
    """Every ``every``-th term gets one of the project's drawings (under docs/images/)."""
    for index, item in enumerate(corpus[::every]):
        drawing = DRAWINGS[index % len(DRAWINGS)]
        item["image"] = {"src": f"images/{drawing.name}", "alt": f"A drawing for {item['term']}"}
    return corpus


def per_card_ms(samples: int = 20) -> tuple[float, float]:
    """Milliseconds to draw one card without and with an illustration, in this process."""
    style, fonts = card_style(None), find_fonts()
    text = "A definition long enough to fill the card's lines with words. " * 8
    timings = []
    for image in (None, DRAWINGS[0].read_bytes()):
        start = time.perf_counter()
        for i in range(samples):
            draw_card(Card(f"Term {i}", text, "Bench", "example.org", image), style, fonts)
        timings.append((time.perf_counter() - start) / samples * 1000)
    return timings[0], timings[1]


def bench(n: int) -> None:
    corpus = illustrate(generate_corpus(n, seed=7))
    with tempfile.TemporaryDirectory(prefix=f"tb-cards-{n}-") as tmp:
        root = Path(tmp)
        ours = write_termbook_project(root / "termbook", corpus)
        images = root / "termbook" / "docs" / "images"
        images.mkdir(parents=True)
        for drawing in DRAWINGS:
            shutil.copy(drawing, images / drawing.name)
        plain = write_plain_project(root / "plain", corpus, root / "termbook")
        load_before = load_average()
        plain_b = timed_build(plain)
        cold = timed_build(ours)
        cards = sum(1 for _ in (ours.parent / CACHE).rglob("*.png"))
        warm = timed_build(ours)
        load_after = load_average()
        illustrated = sum(1 for item in corpus if "image" in item)
        slugs = {slugify(item["term"]) for item in corpus}
    plain_ms, drawn_ms = per_card_ms()
    print(f"N = {n} terms ({len(slugs)} pages, {illustrated} illustrated), {cards} cards cached")
    print(f"  load average         {load_before} before, {load_after} after (1, 5, 15 min)")
    print(f"  plain MkDocs         {plain_b.seconds:7.2f} s  {plain_b.cpu:7.2f} s CPU")
    for name, b in (("cold", cold), ("warm", warm)):
        print(
            f"  termbook, {name} cache {b.seconds:7.2f} s  {b.cpu:7.2f} s CPU  "
            f"ratio {b.seconds / plain_b.seconds:5.2f}x wall, {b.cpu / plain_b.cpu:5.2f}x CPU"
        )
    print(
        f"  cards cost           {cold.seconds - warm.seconds:7.2f} s wall, "
        f"{cold.cpu - warm.cpu:7.2f} s CPU cold "
        f"({(cold.cpu - warm.cpu) / max(cards, 1) * 1000:.0f} ms CPU a card); one card drawn "
        f"alone: {plain_ms:.0f} ms, {drawn_ms:.0f} ms with a drawing"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000])
    args = parser.parse_args()
    for n in args.terms:
        bench(n)


if __name__ == "__main__":
    main()
