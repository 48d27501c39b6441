"""The Whoosh decision (docs/WHOOSH.md), kept: the installed release is the pinned one,
private Whoosh names are used in three modules only, and every internal those three
read is there with the shape they expect. An upgrade of Whoosh fails here first."""

from __future__ import annotations

import ast
import inspect
import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "statement_cli" / "index"
FENCED = {"codec.py", "blocks.py", "adding.py"}  # where Whoosh's private names may be used


def test_the_installed_whoosh_is_the_pinned_release() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    pinned = re.search(r'"whoosh-reloaded==([\d.]+)"', pyproject)
    assert pinned, "whoosh-reloaded is pinned to one release"
    assert metadata.version("whoosh-reloaded") == pinned.group(1)


def _private_whoosh_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_private_whoosh_names_are_imported_in_the_fenced_modules_only() -> None:
    outside = {
        path.name: names
        for path in ROOT.joinpath("statement_cli").rglob("*.py")
        if path.name not in FENCED and (names := _private_whoosh_imports(path))
    }
    assert outside == {}
    assert _private_whoosh_imports(INDEX / "codec.py") == ["whoosh.codec.whoosh3._lenfield"]


def test_private_attributes_of_whoosh_objects_are_read_in_the_fenced_modules_only() -> None:
    """A private attribute read on anything but `self` or `cls` (`matcher._ids`) is one
    of Whoosh's internals: only the fenced modules may read them."""
    readers = {}
    for path in INDEX.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and ast.unparse(node.value) not in ("self", "cls", "os")  # os._exit
            ):
                readers.setdefault(path.name, set()).add(node.attr)
    assert set(readers) == FENCED, readers
    assert {"_read_ids", "_cached_reader", "_segments"} <= readers["codec.py"] | readers["blocks.py"]


def test_the_internals_the_codec_and_blocks_read_are_there() -> None:
    import whoosh.codec.whoosh3 as w3
    from whoosh import columns, index
    from whoosh.matching.wrappers import FilterMatcher

    import statement_cli.index.blocks  # noqa: F401  (loads Whoosh as the archive does)

    assert callable(w3._lenfield) and w3._lenfield("body") != "body"
    for name in ("_read_ids", "_read_weights", "_read_values", "_next_block", "_goto"):
        assert callable(getattr(w3.W3LeafMatcher, name)), name
    assert callable(w3.W3PerDocReader._cached_reader)
    # A block's header gives its last document number, which lets blocks be passed over.
    assert "self._maxid" in inspect.getsource(w3.W3LeafMatcher._goto)
    assert callable(index.FileIndex._segments)
    for reader in (columns.NumericColumn.Reader, columns.VarBytesColumn.Reader):
        assert isinstance(reader, type)
    assert isinstance(FilterMatcher, type)
    assert isinstance(w3.LENGTHS_COLUMN, columns.Column)
    assert isinstance(w3.WHOOSH3_HEADER_MAGIC, bytes)


# The hash of Whoosh 2.7.5's SegmentWriter.add_document, which `index/adding` follows
# field by field: a release that changes it must be read again before adding.py is.
ADD_DOCUMENT_SOURCE_SHA256 = "399433d1cb30d9d0a7b421000cfb5a8470faaacd9aee84caed9093ec2005beda"


def test_the_add_document_adding_follows_is_whooshs_and_its_internals_are_there() -> None:
    import hashlib
    import inspect

    import whoosh.writing

    from statement_cli.index import adding

    source = inspect.getsource(adding._whooshs_own)
    assert hashlib.sha256(source.encode()).hexdigest() == ADD_DOCUMENT_SOURCE_SHA256
    for name in ("_check_state", "_doc_boost", "_field_boost", "_check_fields"):
        assert callable(getattr(whoosh.writing.SegmentWriter, name)), name
