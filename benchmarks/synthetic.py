"""A seeded generator of synthetic statements, written to a folder.

    python benchmarks/synthetic.py OUT_DIR --count 100000 [--seed 7]

Each statement uses one of the header layouts of DESIGN.md (issuing body + title +
"As delivered by", date on the venue line, attribution at the end, a speaker block, a
bare text), a body of 1–20 KB and a Zipf-like vocabulary, so that word frequencies,
lengths and headers look like a real archive. Files are written one at a time (memory
does not grow with the count) into subfolders of 1,000.
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = (
    "Jane John Mary Peter Alex Anna Paul Laura Mark Sofia Omar Lena Ivan Maria Tomas Ines".split()
)
LAST = (
    "Example Roe Sample Placeholder Other Tester Mock Dummy Fictive Invented Madeup Notreal".split()
)
TITLES = ["Ambassador", "Deputy Chief of Mission", "Chargé d'Affaires a.i.", "Political Counselor"]
VENUES = [
    ("Permanent Council", "Vienna"),
    ("Forum for Security Co-operation", "Vienna"),
    ("Human Dimension Implementation Meeting", "Warsaw"),
    ("UN Security Council", "New York City"),
    ("Human Rights Council", "Geneva"),
]
ORGS = [
    "United States Mission to the OSCE",
    "U.S. Mission to the United Nations",
    "Delegation of Freedonia to the OSCE",
]
TOPICS = "Ukraine Georgia Moldova Belarus Kazakhstan Freedonia Sylvania Ruritania Syldavia Borduria".split()
THEMES = [
    "Elections in",
    "Ongoing Violations in",
    "Media Freedom in",
    "The Situation in",
    "Human Rights in",
]
MONTHS = (
    "January February March April May June July August September October November December".split()
)

# Common English function words first (they dominate real text), then a long tail.
_COMMON = (
    "the of and to in a that is we for on this with as our by it be are have not their all "
    "which has will its from at an was or these they those been more also must continue"
).split()
_CONTENT = (
    "security cooperation dialogue elections media freedom monitoring ceasefire humanitarian "
    "minorities commitments transparency observers sovereignty territorial integrity conflict "
    "violence journalists detention rights democracy assembly expression reform dialogue "
    "mission council participating states chair report concern welcome support call urge "
    "implementation principles international obligations accountability civil society "
    "government authorities investigation release restraint escalation withdrawal forces "
    "weapons border crossing access assistance refugees displaced persons ballot count "
    "registration candidates campaign parliament constitution court justice corruption "
    "economy energy environment trafficking terrorism cyber disinformation tolerance"
).split()


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Real words first, then invented ones, for a long Zipf tail."""
    syllables = "ka lo mi ne ra to vu si pe da gri sto len mar tel cor vin pra".split()
    invented = {
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)
    }
    return _COMMON + _CONTENT + sorted(invented)


def _zipf_cumulative(n: int) -> list[float]:
    """Cumulative Zipf weights (rank^-1.07), computed once: `random.choices` would otherwise
    re-add all 20,000 weights on every call."""
    return list(itertools.accumulate(1.0 / (rank + 1) ** 1.07 for rank in range(n)))


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)


def _body(rng: random.Random, vocabulary: list[str], cumulative: list[float], size: int) -> str:
    paragraphs, length = [], 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 30))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def statement_text(rng: random.Random, vocabulary: list[str], cumulative: list[float]) -> str:
    speaker = f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST)}"
    title = f"{rng.choice(THEMES)} {rng.choice(TOPICS)}"
    venue, city = rng.choice(VENUES)
    year, month, day = _date(rng)
    when = f"{MONTHS[month - 1]} {day}, {year}"
    body = _body(rng, vocabulary, cumulative, rng.randint(1_000, 20_000))
    closing = rng.choice(["Thank you, Mr. Chair.", "Thank you, Madam Chair.", "Thank you."])
    layout = rng.randrange(5)
    if layout == 0:
        head = f"{rng.choice(ORGS)}\n\n{title}\n\nAs delivered by {rng.choice(TITLES)} {speaker}\nto the {venue}, {city}\n{when}\n\n"
        return head + body + f"\n\n{closing}\n"
    if layout == 1:
        head = f"{rng.choice(ORGS)}\n\n{title}\n\nAs delivered by {rng.choice(TITLES)} {speaker}\nto the {venue} {city}, {when}\n\n"
        return head + body + f"\n\n{closing}\n"
    if layout == 2:
        tail = f"\n\n{closing}\n\nAs delivered by {rng.choice(TITLES)} {speaker} to the {venue}, {city}\n"
        return f"{title}\n\nMr. Chair,\n\n{body}{tail}"
    if layout == 3:
        head = (
            f"Remarks at a {venue} Briefing on {title}\n\n{speaker}\n"
            f"U.S. Deputy Representative to the United Nations\n{rng.choice(ORGS)}\n{city}\n{when}\n\n"
        )
        return head + body + f"\n\n{closing}\n"
    return body + "\n"


def generate(folder: Path, count: int, seed: int = 7) -> Iterator[Path]:
    """Write `count` statements under `folder`, yielding each path as it is written."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    cumulative = _zipf_cumulative(len(vocabulary))
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        year = rng.randint(2000, 2024)
        path = sub / f"{year}-statement-{i:06d}.txt"
        path.write_text(statement_text(rng, vocabulary, cumulative), "utf-8")
        yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    total = sum(p.stat().st_size for p in generate(args.folder, args.count, args.seed))
    print(f"wrote {args.count:,} statements, {total / 1e6:.1f} MB, to {args.folder}")


if __name__ == "__main__":
    main()
