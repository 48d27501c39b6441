"""`statement export`: statements to a JSONL/JSON/CSV file or stream, or a folder of texts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from statement_cli.atomic import atomic_write
from statement_cli.errors import InputError
from statement_cli.exchange import front_matter_text, safe_file_name
from statement_cli.formats import ExportFormat, ListFormat
from statement_cli.model import Hit, Statement


def export_statements(
    statements: Sequence[Statement],
    fmt: ExportFormat,
    output: Path | None,
    force: bool = False,
    on_written: Callable[[], None] | None = None,
) -> str:
    """Write the statements; returns where they went. Never overwrites without `force`."""
    if fmt is ExportFormat.opensearch:
        if output is None:
            raise InputError("--format opensearch writes two files: give a folder with -o")
        return _export_opensearch(statements, output, force)
    if fmt is ExportFormat.text:
        if output is None:
            raise InputError("--format text writes one file per statement: give a folder with -o")
        return _export_texts(statements, output, force, on_written)
    from statement_cli.output import text_list

    data = text_list([Hit(s) for s in statements], ListFormat(fmt.value))
    if output is None:
        sys.stdout.write(data)
        return "standard output"
    if output.exists() and not force:
        raise InputError(f"{output} exists; pass --force to overwrite it")
    atomic_write(output, data.encode("utf-8"))
    return str(output)


def _export_texts(
    statements: Sequence[Statement],
    folder: Path,
    force: bool,
    on_written: Callable[[], None] | None = None,
) -> str:
    targets = {folder / safe_file_name(s): s for s in statements}
    inside = folder.resolve()
    for path in targets:  # names are built from a whitelist; this makes sure of it
        if path.resolve().parent != inside:
            raise InputError(f"refusing to write {path}: it is outside {folder}")
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise InputError(
            f"{len(existing)} file(s) exist in {folder} (e.g. {existing[0].name}); "
            "pass --force to overwrite them"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for path, statement in targets.items():
        atomic_write(path, front_matter_text(statement).encode("utf-8"))
        if on_written:
            on_written()
    return str(folder)


def _export_opensearch(statements: Sequence[Statement], folder: Path, force: bool) -> str:
    """mapping.json and bulk.ndjson in `folder` (see statement_cli.opensearch)."""
    from statement_cli.opensearch import bulk_lines, mapping
    from statement_cli.text.inert import json_text

    targets = {
        folder / "mapping.json": json_text(mapping()) + "\n",
        folder / "bulk.ndjson": bulk_lines(statements),
    }
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} exists; pass --force to overwrite it")
    for path, text in targets.items():
        atomic_write(path, text.encode("utf-8"))
    return str(folder)
