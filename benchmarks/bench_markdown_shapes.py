"""Markdown render time by shape: the worst field each limit of `termbook.text.complexity` lets
through, against 200 KB of ordinary prose rendered in the same run.

For every slow shape (unmatched ``[``, unclosed ``<tag``, dense inline markup, deep nesting),
the largest repetition count the limits accept is found by bisection (checking is cheap), then
that field is rendered; printed: its size, its render seconds (best of --repeat), the ratio to
the prose, and how long the refusal of twice as much takes.

    python benchmarks/bench_markdown_shapes.py --repeat 3
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from termbook.text.complexity import too_complex
from termbook.text.markdown import render_markdown

PROSE = (
    "The key grip shapes light with flags, nets and silks; the *gaffer* lights the set and "
    "the best boy keeps the cable tidy. A **dolly** moves on [[Track|track]]. "
)
FILLER = PROSE * 600  # ~80 KB of prose after a shape: what makes a rescan expensive

SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary prose, paragraphs": lambda n: "\n\n".join([PROSE * 8] * n),
    "ordinary prose, one paragraph": lambda n: PROSE * n,
    "unmatched [ before prose": lambda n: "[" * n + FILLER,
    "unclosed <a b= before prose": lambda n: "<a b=" * n + FILLER,
    "nested [ ]": lambda n: "[a " * n + "] " * n,
    "*a* in one paragraph": lambda n: "*a* " * n,
    "*a* in paragraphs": lambda n: "\n\n".join(["*a* " * 100] * n),
    "[x](y) links in paragraphs": lambda n: "\n\n".join(["[x](y) " * 20] * n),
    "<b>a</b> tags in one paragraph": lambda n: "<b>a</b> " * n,
    "hard line breaks": lambda n: "a  \n" * n,
    "markup + long paragraph": lambda n: "*a* " * n + FILLER,
    "nested quotes": lambda n: "\n".join(">" * min(i, 99) + " a" for i in range(n)),
    "nested lists": lambda n: "\n".join("    " * (i % 25) + "- a" for i in range(n)),
}


def largest_accepted(make: Callable[[int], str], cap: int = 1 << 22) -> int:
    """The largest n whose field the limits accept (0 if none), by doubling then bisection."""
    low, high = 0, 1
    while high < cap and too_complex(make(high)) is None and len(make(high)) < 1_000_000:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if too_complex(make(middle)) is None:
            low = middle
        else:
            high = middle
    return low


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    prose = SHAPES["ordinary prose, paragraphs"](200_000 // len(PROSE * 8) + 1)
    base = best_of(args.repeat, lambda: render_markdown(prose))
    print(f"200 KB ordinary prose ({len(prose):,} chars): {base:.3f} s")
    print(f"{'shape':34} {'n':>8} {'chars':>9} {'render s':>9} {'ratio':>6} {'refuse 2n s':>11}")
    for name, make in SHAPES.items():
        n = largest_accepted(make)
        text = make(n)
        seconds = best_of(args.repeat, lambda text=text: render_markdown(text))
        over = make(max(2 * n, 1))
        refuse = best_of(args.repeat, lambda over=over: too_complex(over))
        print(
            f"{name:34} {n:>8,} {len(text):>9,} {seconds:>9.3f} {seconds / base:>6.2f} "
            f"{refuse:>11.4f}"
        )


if __name__ == "__main__":
    main()
