"""Per-field accuracy of what `statement ingest --dry-run --format json` reads off real texts.

    python benchmarks/parse_accuracy.py                      # the dev set in ../shared/statements
    python benchmarks/parse_accuracy.py DEVSET [--by-source] [--show-misses]
    python benchmarks/parse_accuracy.py --hold-out-group UK --hold-out-group NATO
    python benchmarks/parse_accuracy.py FOLDER EXPECTED.json # a folder and a {file: fields} map

DEVSET is a folder holding `texts/` and `expected.json` (a list of objects with `file`,
the seven fields and `notes`), as described in the dev set's README; by default
$STATEMENT_SHARED/statements, else ../shared/statements beside the repository. The fields
come from the command line tool itself (run as a subprocess), so this measures what a user
sees. Scoring is the dev set's: exact match after NFKC, quote folding, whitespace folding
and casefolding; `strict` against the expected value, `lenient` also accepting the `ALT:`
alternatives in `notes`. A title the tool took from the file name counts as empty.
Also checks that no word is lost: every word of a file is in a field or in the body,
except the label words a header line may drop (`statement_cli.text.vocabulary.DROPPABLE_WORDS`)
and front-matter keys.

The dev set's two batches (001–069, 070–105) are scored apart as well. To see whether a
rule generalises, hold out whole source groups while tuning: `--hold-out-group NAME` scores
those files apart and leaves their misses out of `--show-misses`; score them once the rule
is written.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from statement_cli.model import HEADER_FIELDS as METADATA_FIELDS
from statement_cli.text.decode import decode, normalize
from statement_cli.text.parse import FIELD_ALIASES, parse_bytes
from statement_cli.text.vocabulary import DROPPABLE_WORDS

ROOT = Path(__file__).resolve().parent.parent
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"'})
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")  # numbers, and dates' "7th"
# The dev set's sources by file number (its README's "Sources" table; 070–105 by issuer).
SOURCES: tuple[tuple[str, tuple[range, ...]], ...] = (
    ("OSCE mission", (range(1, 12),)),
    ("NGO repost", (range(12, 13),)),
    ("State", (range(13, 22), range(26, 28), range(98, 99))),
    ("CSCE", (range(22, 25),)),
    ("USUN", (range(25, 26), range(28, 33))),
    ("Geneva", (range(33, 39),)),
    ("White House", (range(39, 42),)),
    ("UK", (range(42, 49), range(76, 77), range(83, 84))),
    ("EU", (range(49, 54), range(87, 89))),
    ("Canada", (range(54, 58), range(90, 91))),
    ("Australia", (range(58, 63),)),
    ("DE", (range(63, 64), range(78, 79), range(84, 85))),
    ("OSCE", (range(64, 65), range(97, 98))),
    ("UN", (range(65, 70), range(74, 75), range(96, 97))),
    ("CH", (range(70, 72),)),
    ("FR", (range(72, 74),)),
    ("RU", (range(75, 76), range(89, 90))),
    ("NATO", (range(77, 78), range(81, 83))),
    ("UA", (range(79, 81),)),
    ("IN", (range(85, 86),)),
    ("JP", (range(86, 87),)),
    ("NZ", (range(91, 92),)),
    ("IE", (range(92, 95),)),
    ("AU (union)", (range(95, 96),)),
    ("NL", (range(99, 102),)),
    ("CN", (range(102, 103),)),
    ("Nordic", (range(103, 106),)),
)
# The dev set's two batches: the first 69 files, and 070–105 gathered to widen the issuers.
BATCHES: tuple[tuple[str, range], ...] = (("001-069", range(1, 70)), ("070-105", range(70, 106)))


def norm(value: object) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    s = unicodedata.normalize("NFKC", str(value)).translate(QUOTES)
    return re.sub(r"\s+", " ", s).strip().casefold()


def accepted(entry: dict[str, object], field: str) -> set[str | None]:
    ok = {norm(entry.get(field))}
    match = re.search(r" ALT: (\{.*\})$", str(entry.get("notes") or ""))
    if match:
        ok |= {norm(v) for v in json.loads(match.group(1)).get(field, [])}
    return ok


def _number(name: str) -> int:
    match = re.match(r"(\d{3})-", Path(name).name)
    return int(match.group(1)) if match else -1


def source_of(name: str) -> str:
    number = _number(name)
    for source, ranges in SOURCES:
        if any(number in r for r in ranges):
            return source
    return "other"


def batch_of(name: str) -> str:
    number = _number(name)
    return next((batch for batch, numbers in BATCHES if number in numbers), "other")


def dry_run(folder: Path) -> dict[str, dict[str, object]]:
    """The dry-run JSON record of every text in `folder`, by file name."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "statement_cli",
            "ingest",
            "--dry-run",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if not result.stdout.strip():
        sys.exit(f"statement ingest --dry-run failed: {result.stderr}")
    return {Path(str(r["source"])).name: r for r in json.loads(result.stdout)}


def parsed_value(record: dict[str, object], field: str) -> object:
    """A field as scored: a title made from the file name is a display fallback, not read."""
    sources = record.get("sources") or {}
    if field == "title" and (sources.get("title") or {}).get("from") == "file name":  # type: ignore[union-attr]
        return None
    return record.get(field)


def lost_words(data: bytes, filename: str) -> list[str]:
    statement = parse_bytes(data, filename)
    kept = " ".join([statement.body, *(getattr(statement, f) for f in METADATA_FIELDS)])
    kept_words = set(re.findall(r"\w+", kept.casefold()))
    words = re.findall(r"\w+", normalize(decode(data)).casefold())
    return [
        w
        for w in words
        if w not in kept_words
        and w not in DROPPABLE_WORDS
        and w not in FIELD_ALIASES
        and not ORDINAL.fullmatch(w)
    ]


def load_entries(args: argparse.Namespace) -> tuple[Path, list[dict[str, object]]]:
    """(folder of texts, expected entries with a `file` name each)."""
    if args.expected is None:
        data = json.loads((args.folder / "expected.json").read_text("utf-8"))
        entries = [dict(e, file=Path(e["file"]).name) for e in data]
        return args.folder / "texts", entries
    data = json.loads(args.expected.read_text("utf-8"))
    if isinstance(data, dict):  # {file: fields}, as tests/fixtures/layouts-expected.json
        data = [dict(fields, file=name) for name, fields in data.items()]
    else:  # the dev set's list, whose paths ("texts/NNN-….txt") are relative to its folder
        data = [dict(e, file=Path(e["file"]).name) for e in data]
    return args.folder, data


class Tally:
    """Strict and lenient hits per field over a set of files."""

    def __init__(self) -> None:
        self.strict = dict.fromkeys(METADATA_FIELDS, 0)
        self.lenient = dict.fromkeys(METADATA_FIELDS, 0)
        self.total = dict.fromkeys(METADATA_FIELDS, 0)
        self.files = 0

    def add(self, field: str, strict: bool, lenient: bool) -> None:
        self.total[field] += 1
        self.strict[field] += strict
        self.lenient[field] += lenient

    def print(self, title: str) -> None:
        print(f"{title:<14} {'strict':>7} {'lenient':>8} {'of':>4} {'strict %':>9} {'lenient %':>10}")
        for f in METADATA_FIELDS:
            n = self.total[f]
            share = self.strict[f] / n if n else 1.0
            loose = self.lenient[f] / n if n else 1.0
            print(f"{f:<14} {self.strict[f]:>7} {self.lenient[f]:>8} {n:>4} {share:>9.1%} {loose:>10.1%}")


def _source_table(per_source: dict[str, Tally], held_out: set[str]) -> None:
    fields = [f[:8] for f in METADATA_FIELDS]
    print(f"{'source (strict)':<16} {'files':>5} " + " ".join(f"{f:>8}" for f in fields))
    for source, tally in per_source.items():
        cells = " ".join(f"{tally.strict[f]:>4}/{tally.total[f]:<3}" for f in METADATA_FIELDS)
        mark = " (held out)" if source in held_out else ""
        print(f"{source:<16} {tally.files:>5} {cells}{mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("STATEMENT_SHARED") or ROOT.parent / "shared")
    parser.add_argument("folder", type=Path, nargs="?", default=shared / "statements")
    parser.add_argument("expected", type=Path, nargs="?")
    parser.add_argument("--show-misses", action="store_true", help="print every wrong field")
    parser.add_argument("--by-source", action="store_true", help="strict scores per source")
    parser.add_argument(
        "--hold-out-group",
        action="append",
        default=[],
        metavar="NAME",
        help="score this source group apart and hide its misses (repeatable; see --by-source)",
    )
    args = parser.parse_args(argv)
    groups = {name for name, _ in SOURCES}
    unknown = set(args.hold_out_group) - groups
    if unknown:
        parser.error(f"no source group {sorted(unknown)}; groups: {', '.join(sorted(groups))}")
    held_out = set(args.hold_out_group)
    folder, entries = load_entries(args)
    records = dry_run(folder)
    overall, tuned, kept_apart = Tally(), Tally(), Tally()
    per_batch: dict[str, Tally] = {}
    per_source: dict[str, Tally] = {}
    files_losing_words = 0
    for entry in entries:
        name = str(entry["file"])
        record = records.get(name, {})
        source = source_of(name)
        hidden = source in held_out
        tallies = [
            overall,
            kept_apart if hidden else tuned,
            per_batch.setdefault(batch_of(name), Tally()),
            per_source.setdefault(source, Tally()),
        ]
        for tally in tallies:
            tally.files += 1
        for field in METADATA_FIELDS:
            if field not in entry:
                continue
            got = norm(parsed_value(record, field))
            strict = got == norm(entry[field])
            for tally in tallies:
                tally.add(field, strict, got in accepted(entry, field))
            if not strict and args.show_misses and not hidden:
                print(f"miss {name} {field}: got {record.get(field)!r}, expected {entry[field]!r}")
        lost = lost_words((folder / name).read_bytes(), name)
        if lost:
            files_losing_words += 1
            print(f"lost words in {name}: {' '.join(lost[:10])}")
    overall.print("field")
    print(f"files: {len(entries)}, files losing body words: {files_losing_words}")
    if len(per_batch) > 1:
        for batch, tally in per_batch.items():
            print()
            tally.print(f"{batch} ({tally.files})")
    if held_out:
        print()
        tuned.print(f"tuned on ({tuned.files})")
        print()
        kept_apart.print(f"held out ({kept_apart.files})")
    if args.by_source:
        print()
        _source_table(per_source, held_out)
    return 0 if files_losing_words == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
