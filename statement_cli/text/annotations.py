"""What a user may give after ingest, checked: tag names and corrected field values.

Pure: no file, no index. Every rule gives an InputError whose message says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from statement_cli.errors import InputError
from statement_cli.model import METADATA_FIELDS
from statement_cli.text.inert import inert

MAX_TAG_LENGTH = 64
# A tag is one word of the query language (`tag:to-cite`): no space, no control
# character, nothing the query reads as syntax (quotes, parentheses), and it does not
# start with the + or - that add or remove it.
_NOT_IN_TAGS = re.compile(r"""[\s"()\x00-\x1f\x7f-\x9f]""")


def tag_name(text: str) -> str:
    """A tag as stored: lower-case (tags match whatever their case, as every field does)."""
    shown = inert(text)[:40]
    if not text:
        raise InputError("an empty tag; write a name after + or -, e.g. +to-cite")
    if _NOT_IN_TAGS.search(text):
        raise InputError(
            f"tag {shown!r} has a space, a quote, a parenthesis or a control character; "
            "join words with hyphens, e.g. ukraine-2022"
        )
    if text[0] in "+-":
        raise InputError(f"tag {shown!r} starts with + or -; give it as +NAME or -NAME")
    if len(text) > MAX_TAG_LENGTH:
        raise InputError(f"tag {shown!r}… is longer than {MAX_TAG_LENGTH} characters")
    return text.lower()


def tag_changes(args: Iterable[str]) -> tuple[list[str], list[str]]:
    """`+add -remove` arguments → (tags to add, tags to remove)."""
    add: list[str] = []
    remove: list[str] = []
    for arg in args:
        if arg[:1] not in ("+", "-"):
            raise InputError(
                f"{inert(arg)[:40]!r} is not a tag change; "
                "write +TAG to add it or -TAG to remove it"
            )
        (add if arg[0] == "+" else remove).append(tag_name(arg[1:]))
    return add, remove


def field_value(name: str, value: str) -> str:
    """A corrected value of a field as stored: one line, inert, a date in ISO form ("" clears)."""
    from statement_cli.text.parse import valid_date, valid_language

    if name not in METADATA_FIELDS:
        raise InputError(f"{inert(name)!r} is not a field; fields are {', '.join(METADATA_FIELDS)}")
    text = " ".join(inert(value).split())
    if name == "date" and text:
        return valid_date(text)
    return valid_language(text) if name == "lang" and text else text


def field_values(given: Mapping[str, str]) -> dict[str, str]:
    """Checked values for several fields (see `field_value`)."""
    return {name: field_value(name, value) for name, value in given.items()}


def edit_text(values: Mapping[str, str], error: str = "") -> str:
    """A statement's fields as the front-matter block `statement edit` opens in an editor
    (every field, empty ones too; an error from the last attempt as a comment on top)."""
    import json

    lines = []
    if error:
        lines += [f"# error: {inert(error)}", "# fix it, or save the file unchanged to give up"]
    lines.append("---")
    lines += [f"{n}: {json.dumps(values.get(n, ''), ensure_ascii=False)}" for n in METADATA_FIELDS]
    lines.append("---")
    lines += ["# Change a value, or empty it to clear the field; save and quit to apply."]
    return "\n".join(lines) + "\n"


def read_edit_text(text: str) -> dict[str, str]:
    """Every field of an edited block, checked; a field left out or emptied is ""
    (InputError says what is wrong, and where)."""
    import json

    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    markers = [i for i, line in enumerate(lines) if line.strip() == "---"]
    if len(markers) < 2:
        raise InputError("the --- lines around the fields are gone; keep them")
    values = dict.fromkeys(METADATA_FIELDS, "")
    for number, line in enumerate(lines[markers[0] + 1 : markers[1]], 1):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        name = key.strip().lower().replace(" ", "_").replace("-", "_")
        if not sep or name not in METADATA_FIELDS:
            raise InputError(
                f"line {number} of the fields, {inert(line)[:40]!r}, is not 'field: value' "
                f"with a field of {', '.join(METADATA_FIELDS)}"
            )
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            try:
                value = str(json.loads(value))
            except ValueError:
                value = value[1:-1]
        values[name] = value
    return field_values(values)
