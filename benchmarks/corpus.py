"""A deterministic synthetic glossary for benchmarks: N terms whose definitions mention others.

Shaped like the real thing so timings transfer: about 1.85 names and aliases per term, mostly
multi-word names, a few acronyms and names with ``&``, hyphens and apostrophes, and
definitions of about 150 words that mention other terms (sometimes in the plural or in lower
case). ``generate_corpus`` returns plain dicts with the keys of a term file, so the same data
can be written out as ``terms/*.yaml`` for whole-build benchmarks.

The filler words come from a few hundred, so each definition repeats many of them. Real prose
does not: ``long_definitions=True`` writes definitions of 300 to 450 words drawn from a
vocabulary of 20,000 made-up words by Zipf's law, most frequent first, after the commonest
English function words, as running text is: few words repeat within a definition, which is
what makes a search index of every definition word large.
"""

from __future__ import annotations

import itertools
import random
import re


def _words(text: str) -> list[str]:
    return text.split()


CATEGORIES = (
    "Camera",
    "Lighting",
    "Grip",
    "Sound",
    "Editing",
    "Production",
    "Art Department",
    "Visual Effects",
    "Directing",
    "Distribution",
)
MODIFIERS = _words(
    """
    aerial ambient anamorphic back bounce broad butterfly center china clamp close color
    crane cross cutaway day digital dutch extreme fill fixed flat floor focus follow front
    full gel grand half hard hidden high insert jib key lateral lens long low magic master
    matte medium mid night offset open over pan pocket practical prime quarter rack reverse
    rim rolling rotating safety second set shallow short side silent single slow snap soft
    split spot static steady still studio swing tail tight top tracking trick triple twin
    under upper vertical video wide wild zoom apple arc baby beauty blue cable chroma cold
    crash deep double dry empty false ghost golden green hot ice iron live lock loose mirror
    mixed negative paper quick raw red sand scrim shadow silver smoke steel stone sun warm
"""
)
NOUNS = _words(
    """
    angle arm bag bar base beam board boom box bracket cable card cart clamp clip coverage
    cue cut dolly drape edit effect fader filter flag frame gate gobo grip head hood insert
    jib kit ladder lamp layer light line lock loop mark mask matte meter mic mix monitor
    mount net pass plate plug pole post print rail reel rig ring roll room scene screen
    shot slate slider sling spreader stand stick stop strip tape tent throw track trim
    tripod truck turn unit wall wedge wheel window wrap beat block bridge chart chip dial
    drum fan fork hook iris knob lever mesh pad pin pulley rack shelf skid spike spring
    spur sweep valve vest wire yoke zone
"""
)
FILLER = _words(
    """
    the a an of to in on for with by from at as is are was be often usually when while
    where which that this it its their they crew members operator scene take day film
    production used during before after between across helps keeps makes gives lets allows
    shows moves holds sets changes controls reduces adds avoids shapes frames balances
    every each some most many any simple careful quick slow bright dark close wide early
    late final first next other same small large heavy light gentle strong subtle clear
    stage location script budget schedule department actor director editor audience story
    moment sequence picture image sound camera lens rehearsal setup angle frame
"""
)
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.lower().replace("&", " and ")).strip("-")


class _Names:
    """Unique names: case-insensitive, and no two with the same slug."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def claim(self, name: str) -> bool:
        keys = {name.lower(), "slug:" + _slug(name)}
        if keys & self.used:
            return False
        self.used |= keys
        return True

    def new(self) -> str:
        while True:
            name = self._candidate()
            if self.claim(name):
                return name

    def _candidate(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return "".join(rng.choice("ABCDEFGHKLMNPRSTVW") for _ in range(rng.randint(2, 4)))
        words = [rng.choice(MODIFIERS) for _ in range(rng.choice((0, 1, 1, 1, 2)))]
        words.append(rng.choice(NOUNS))
        if roll < 0.07 and len(words) > 1:
            return f"{words[0].title()} & {' '.join(words[1:]).title()}"
        if roll < 0.12 and len(words) > 1:
            return "-".join(words).capitalize()
        if roll < 0.15:
            return f"{rng.choice(NOUNS).title()}'s {' '.join(words).title()}"
        return " ".join(words).title()


def _mention(rng: random.Random, name: str) -> str:
    """A name as a writer would use it mid-sentence: as written, lower case, or plural."""
    roll = rng.random()
    acronym = name.isupper()
    if roll < 0.2:
        return name + "s" if acronym or not name.endswith(("s", "x", "h")) else name + "es"
    if roll < 0.55 and not acronym:
        return name.lower()
    return name


def _sentence(rng: random.Random, mentions: list[str]) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(9, 17))]
    for mention in mentions:
        words.insert(rng.randint(1, len(words)), mention)
    if rng.random() < 0.15:
        index = rng.randrange(len(words))
        words[index] = f"**{words[index]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


FUNCTION_WORDS = _words(
    """
    the of and to a in is that for it as was with be by on not he this are or his from at
    which but have an they you were her she all their there been one so if would will we when
    can more no who what about into its than them only could other then these some may also
    after most over such where must because those between should through while very both each
    """
)
SYLLABLES = _words(
    """
    ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me
    mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve
    vi vo za ze zo ar er ir or ur an en in on un al el il ol ul
    """
)
RICH_WORDS = 20_000


def rich_vocabulary(rng: random.Random, size: int = RICH_WORDS) -> list[str]:
    """``size`` distinct made-up words, the function words first (the most frequent)."""
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _zipf_sentence(rng: random.Random, weights: list[float], vocabulary: list[str]) -> str:
    words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(9, 22))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, names: list[str], words: int, zipf: tuple | None = None) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        mentions = [_mention(rng, rng.choice(names)) for _ in range(rng.choice((0, 1, 1, 2)))]
        sentence = _sentence(rng, mentions) if zipf is None else _zipf_sentence(rng, *zipf)
        if zipf is not None and mentions:
            sentence = sentence[:-1] + ", " + " and ".join(mentions) + "."
        sentences.append(sentence)
        count += len(sentence.split())
    cut = max(1, len(sentences) // 2)
    return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])


def generate_corpus(n: int, seed: int = 1, long_definitions: bool = False) -> list[dict]:
    """``n`` synthetic terms as dicts with keys term, aliases, categories, definition,
    examples, related; the same arguments always give the same corpus."""
    rng = random.Random(seed)
    zipf = None
    if long_definitions:
        vocabulary = rich_vocabulary(random.Random(seed))
        weights = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
        zipf = (weights, vocabulary)
    names = _Names(rng)
    terms = [names.new() for _ in range(n)]
    aliases = [
        [names.new() for _ in range(rng.choices((0, 1, 2), (0.35, 0.45, 0.20))[0])]
        for _ in range(n)
    ]
    every_name = terms + [alias for group in aliases for alias in group]
    corpus = []
    for index, term in enumerate(terms):
        others = [name for name in rng.sample(every_name, min(12, len(every_name))) if name != term]
        corpus.append(
            {
                "term": term,
                "aliases": aliases[index],
                "categories": rng.sample(CATEGORIES, rng.choice((1, 1, 2))),
                "definition": (
                    _paragraphs(rng, others, rng.randint(300, 450), zipf)
                    if zipf
                    else _paragraphs(rng, others, rng.randint(130, 170))
                ),
                "examples": [_sentence(rng, others[:1]) for _ in range(rng.randint(0, 2))],
                "related": [t for t in rng.sample(terms, min(3, n)) if t != term][:2],
            }
        )
    return corpus
