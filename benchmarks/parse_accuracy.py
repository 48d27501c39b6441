"""Per-field accuracy of what `statement ingest --dry-run --format json` reads off real texts.

    python benchmarks/parse_accuracy.py                      # the dev set in ../shared/statements
    python benchmarks/parse_accuracy.py DEVSET [--by-source] [--show-misses]
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

from statement_cli.model import METADATA_FIELDS
from statement_cli.text.decode import decode, normalize
from statement_cli.text.parse import FIELD_ALIASES, parse_bytes
from statement_cli.text.vocabulary import DROPPABLE_WORDS

ROOT = Path(__file__).resolve().parent.parent
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"'})
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")  # numbers, and dates' "7th"
# The dev set's sources by file number (its README's "Sources" table).
SOURCES: tuple[tuple[str, tuple[range, ...]], ...] = (
    ("OSCE mission", (range(1, 12),)),
    ("NGO repost", (range(12, 13),)),
    ("State", (range(13, 22), range(26, 28))),
    ("CSCE", (range(22, 25),)),
    ("USUN", (range(25, 26), range(28, 33))),
    ("Geneva", (range(33, 39),)),
    ("White House", (range(39, 42),)),
    ("UK", (range(42, 49),)),
    ("EU", (range(49, 54),)),
    ("Canada", (range(54, 58),)),
    ("Australia", (range(58, 63),)),
    ("DE", (range(63, 64),)),
    ("OSCE", (range(64, 65),)),
    ("UN", (range(65, 70),)),
)


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


def source_of(name: str) -> str:
    match = re.match(r"(\d{3})-", Path(name).name)
    number = int(match.group(1)) if match else -1
    for source, ranges in SOURCES:
        if any(number in r for r in ranges):
            return source
    return "other"


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


def _table(title: str, rows: list[tuple[str, int, int, int]]) -> None:
    print(f"{title:<14} {'strict':>7} {'lenient':>8} {'of':>4} {'strict %':>9} {'lenient %':>10}")
    for name, strict, lenient, total in rows:
        share = strict / total if total else 1.0
        loose = lenient / total if total else 1.0
        print(f"{name:<14} {strict:>7} {lenient:>8} {total:>4} {share:>9.1%} {loose:>10.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("STATEMENT_SHARED") or ROOT.parent / "shared")
    parser.add_argument("folder", type=Path, nargs="?", default=shared / "statements")
    parser.add_argument("expected", type=Path, nargs="?")
    parser.add_argument("--show-misses", action="store_true", help="print every wrong field")
    parser.add_argument("--by-source", action="store_true", help="strict scores per source")
    args = parser.parse_args(argv)
    folder, entries = load_entries(args)
    records = dry_run(folder)
    strict = {f: 0 for f in METADATA_FIELDS}
    lenient = {f: 0 for f in METADATA_FIELDS}
    totals = {f: 0 for f in METADATA_FIELDS}
    per_source: dict[str, dict[str, list[int]]] = {}
    files_losing_words = 0
    for entry in entries:
        name = str(entry["file"])
        record = records.get(name, {})
        by_field = per_source.setdefault(source_of(name), {f: [0, 0] for f in METADATA_FIELDS})
        for field in METADATA_FIELDS:
            if field not in entry:
                continue
            totals[field] += 1
            got = norm(parsed_value(record, field))
            by_field[field][1] += 1
            if got == norm(entry[field]):
                strict[field] += 1
                by_field[field][0] += 1
            elif args.show_misses:
                print(f"miss {name} {field}: got {record.get(field)!r}, expected {entry[field]!r}")
            if got in accepted(entry, field):
                lenient[field] += 1
        lost = lost_words((folder / name).read_bytes(), name)
        if lost:
            files_losing_words += 1
            print(f"lost words in {name}: {' '.join(lost[:10])}")
    _table("field", [(f, strict[f], lenient[f], totals[f]) for f in METADATA_FIELDS])
    print(f"files: {len(entries)}, files losing body words: {files_losing_words}")
    if args.by_source:
        print()
        fields = [f[:8] for f in METADATA_FIELDS]
        print(f"{'source':<14} {'files':>5} " + " ".join(f"{f:>8}" for f in fields))
        for source, by_field in per_source.items():
            n = by_field["title"][1]
            cells = " ".join(f"{by_field[f][0]:>4}/{by_field[f][1]:<3}" for f in METADATA_FIELDS)
            print(f"{source:<14} {n:>5} {cells}")
    return 0 if files_losing_words == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
