"""Per-field exact-match accuracy of the parser over a folder of statements.

    python benchmarks/parse_accuracy.py FOLDER EXPECTED.json [--show-misses]

EXPECTED.json maps each file name to the fields it should get, e.g.
{"a.txt": {"title": "…", "speaker": "…", "date": "2016-04-07"}}. Case and runs of
whitespace are ignored when comparing. Also checks that no body word is lost: every word
of the file is in a field or in the body (words of recognised header labels aside).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from statement_cli.decode import decode, normalize
from statement_cli.model import METADATA_FIELDS
from statement_cli.parse import FIELD_ALIASES, parse_bytes

# Words that only label a header line ("As delivered by", "to the") or spell out a date.
LABEL_WORDS = set(
    "as delivered by to the at before in prepared for delivery statement remarks on of a an "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec st nd rd th mr ms mrs dr".split()
) | set(FIELD_ALIASES)
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def lost_words(data: bytes, filename: str) -> list[str]:
    statement = parse_bytes(data, filename)
    kept = " ".join([statement.body, *(getattr(statement, f) for f in METADATA_FIELDS)])
    kept_words = set(re.findall(r"\w+", kept.casefold()))
    words = re.findall(r"\w+", normalize(decode(data)).casefold())
    return [
        w
        for w in words
        if w not in kept_words
        and w not in LABEL_WORDS
        and not w.isdigit()
        and not ORDINAL.fullmatch(w)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("expected", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    expected: dict[str, dict[str, str]] = json.loads(args.expected.read_text("utf-8"))
    hits = dict.fromkeys(METADATA_FIELDS, 0)
    totals = dict.fromkeys(METADATA_FIELDS, 0)
    files_losing_words = 0
    for name, fields in sorted(expected.items()):
        data = (args.folder / name).read_bytes()
        statement = parse_bytes(data, name)
        for field, want in fields.items():
            if field not in hits:
                continue
            totals[field] += 1
            got = getattr(statement, field)
            if _norm(got) == _norm(want):
                hits[field] += 1
            elif args.show_misses:
                print(f"miss {name} {field}: got {got!r}, expected {want!r}")
        lost = lost_words(data, name)
        if lost:
            files_losing_words += 1
            print(f"lost words in {name}: {' '.join(lost[:10])}")
    print(f"{'field':<14} {'exact':>7} {'of':>5} {'accuracy':>9}")
    for field in METADATA_FIELDS:
        share = hits[field] / totals[field] if totals[field] else 1.0
        print(f"{field:<14} {hits[field]:>7} {totals[field]:>5} {share:>9.1%}")
    print(f"files: {len(expected)}, files losing body words: {files_losing_words}")
    return 0 if files_losing_words == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
