"""Statements out of the archive and back in: front-matter texts, safe file names, JSONL.

An export read back by `ingest` gives the same statements: the same ids, fields and text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from statement_cli.errors import InputError
from statement_cli.model import METADATA_FIELDS, Statement
from statement_cli.text.dates import ISO_DATE
from statement_cli.text.parse import VERBATIM_KEY

# Windows refuses these as file names whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
SLUG_LENGTH = 60


def front_matter_text(statement: Statement) -> str:
    """The statement as a text file: a front-matter block with every field, then the body."""
    lines = ["---", f"id: {statement.id}"]
    lines += [
        f"{name}: {json.dumps(getattr(statement, name), ensure_ascii=False)}"
        for name in METADATA_FIELDS
        if getattr(statement, name)
    ]
    lines += [f"{VERBATIM_KEY}: none", "---", statement.body]
    return "\n".join(lines) + "\n"


def safe_file_name(statement: Statement) -> str:
    """`2016-04-07-parliamentary-elections-in-kazakhstan-eb1e95ff.txt`: ASCII letters, digits
    and hyphens only, so it can never leave its folder or be a reserved device name."""
    slug, date, ident = (_slug(statement.title), _slug(statement.date), _slug(statement.id))
    if not ISO_DATE.fullmatch(date):
        date = ""  # an archive written before dates were checked may hold anything
    parts = [p for p in (date, slug[:SLUG_LENGTH].strip("-"), ident) if p]
    name = "-".join(parts) or "statement"
    if name.lower() in _RESERVED:
        name = f"statement-{name}"
    return name + ".txt"


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits of `text`, runs of anything else as one hyphen."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, record) for each line of a JSONL export; InputError on a bad line."""
    with path.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"line {number} is not JSON ({error.msg})") from None
            if not isinstance(record, dict) or "body" not in record:
                raise InputError(f"line {number} is not a statement record (no 'body')")
            yield number, record


def record_text(record: dict[str, object]) -> bytes:
    """A JSONL record as the front-matter text `ingest` reads: a corrected field as it
    was read from the text (the correction goes into the record: `record_annotations`)."""
    known = {k: str(record.get(k) or "") for k in ("id", *METADATA_FIELDS, "body")}
    corrected = record.get("corrected")
    if isinstance(corrected, dict):
        known.update({k: str(v or "") for k, v in corrected.items() if k in METADATA_FIELDS})
    return front_matter_text(Statement(**known)).encode("utf-8")  # type: ignore[arg-type]


def record_annotations(record: dict[str, object]) -> tuple[dict[str, str], list[str]]:
    """The corrections and tags of a JSONL record, checked (InputError if one is wrong)."""
    from statement_cli.text.annotations import field_values, tag_name

    corrected, tags = record.get("corrected") or {}, record.get("tags") or []
    if not isinstance(corrected, dict) or not isinstance(tags, list):
        raise InputError("'corrected' must be an object and 'tags' a list")
    fields = field_values({str(k): str(record.get(k) or "") for k in corrected})
    return fields, [tag_name(str(t)) for t in tags]


def record_aliases(record: dict[str, object]) -> list[tuple[str, str, str]]:
    """The aliases a JSONL record carries: (kind, its name as written, canonical name)."""
    canonical = record.get("canonical")
    if not isinstance(canonical, dict):
        return []
    return [
        (kind, str(record.get(kind) or ""), str(name))
        for kind, name in canonical.items()
        if kind in ("speaker", "venue") and record.get(kind) and name
    ]
