"""Reading the archive: ids, statements, originals, searches, related statements.

Readers never take the lock. A writer's commit deletes the index files it merged away,
so a read that meets a vanished file runs again on a fresh view (`retrying_read`): a
reader sees the archive before a commit or after it, never an error.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import PurePath
from typing import Any, TypeVar

from statement_cli.archive.base import ArchiveBase
from statement_cli.archive.records import SearchResult, Suggestion
from statement_cli.errors import (
    AmbiguousId,
    ArchiveError,
    IdTooShort,
    Remedy,
    StatementError,
    StatementNotFound,
)
from statement_cli.index import facets as counts
from statement_cli.index import highlight
from statement_cli.model import Hit, Statement
from statement_cli.query import Filters, parse_query, positive_words

T = TypeVar("T")
MIN_PREFIX = 4
READ_ATTEMPTS = 5


def retrying_read(method: Callable[..., T]) -> Callable[..., T]:
    """Run a read again when it failed reading the index files: a concurrent commit
    deletes the files it merged away, and a reader that meets one gone, in one of many
    guises inside Whoosh, reads again on a fresh view. An error persisting over
    READ_ATTEMPTS is damage (`check --repair`); an error raised outside the code that
    reads the index files is a bug, raised at once as one."""

    @functools.wraps(method)
    def run(*args: object, **kwargs: object) -> T:
        from statement_cli.index.folder import TRANSIENT_ERRORS, is_index_damage

        for attempt in range(READ_ATTEMPTS):
            try:
                return method(*args, **kwargs)
            except StatementError:
                raise
            except Exception as error:
                if not isinstance(error, TRANSIENT_ERRORS) and not is_index_damage(error):
                    raise  # a bug, not the archive's fault: shown as one
                if attempt == READ_ATTEMPTS - 1:
                    raise ArchiveError(
                        f"cannot read the index ({type(error).__name__}: {error})",
                        remedy=Remedy.REPAIR,
                    ) from None
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    return run


def named_filters(archive: ArchiveBase, filters: Filters | None) -> Filters | None:
    """The filters with a speaker or venue an alias names otherwise under its canonical
    name, which the index holds for every variant: an alias wins over the loose match."""
    if filters is None or not (filters.speaker or filters.venue):
        return filters
    aliases = archive.aliases()
    speaker = aliases.canonical("speaker", filters.speaker.strip())
    return replace(
        filters, speaker=speaker, venue=aliases.canonical("venue", filters.venue.strip())
    )


@retrying_read
def resolve(archive: ArchiveBase, prefix: str) -> str:
    """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise IdTooShort(prefix, MIN_PREFIX)
    with archive.view() as view:
        if view.stored("id", prefix) is not None:
            return prefix
        candidates = sorted(view.ids_starting(prefix))
    if not candidates:
        raise StatementNotFound(prefix)
    if len(candidates) > 1:
        raise AmbiguousId(prefix, candidates)
    return str(candidates[0])


@retrying_read
def ids_starting(archive: ArchiveBase, prefix: str, limit: int) -> list[str]:
    """Up to `limit` ids that start with `prefix` (for shell completion)."""
    with archive.view() as view:
        found: Iterator[str] = view.ids_starting(prefix.lower())
        return [ident for ident, _ in zip(found, range(limit), strict=False)]


@retrying_read
def get(archive: ArchiveBase, prefix: str) -> Statement:
    ident = resolve(archive, prefix)
    with archive.view() as view:
        stored = view.stored("id", ident)
    if stored is None:
        raise StatementNotFound(prefix)
    return Statement.from_dict(stored)


def original(archive: ArchiveBase, prefix: str) -> bytes:
    """The original bytes of a statement, exactly as ingested."""
    ident = resolve(archive, prefix)
    for attempt in range(READ_ATTEMPTS):
        try:
            return archive.originals.read_bytes(ident)
        except OSError:
            # A writer that has committed but not yet published holds it in staging.
            staged = archive.originals.staged_bytes(ident)
            if staged is not None:
                return staged
            time.sleep(0.02 * (attempt + 1))
    raise ArchiveError(
        f"the original of {ident} is missing from {archive.path}",
        remedy=Remedy.CHECK,
        subject=archive.path,
    )


@retrying_read
def search(
    archive: ArchiveBase,
    text: str = "",
    filters: Filters | None = None,
    sort: str = "relevance",
    limit: int | None = 10,
    offset: int = 0,
    snippets: int = 2,
    facets: bool = False,
    bodies: bool = True,
) -> SearchResult:
    """Statements matching a query in the query language, ranked or sorted by date.

    With no words in the query the hits come newest first. `total` counts every match,
    not only the page; `facets` counts them by year, speaker and venue; a query that
    finds nothing gets a `suggestion` built from the archive's own words. Without
    `bodies` the statements come with an empty body, not read (a list that prints
    none: reading a body whole was a third of a search without snippets)."""
    tree = parse_query(text, named_filters(archive, filters))
    ranked = sort == "relevance" and bool(positive_words(tree))
    want = None if limit is None else offset + limit
    with archive.view() as view:
        found = view.ordered(tree, sort, want)
        highlighter = highlight.highlighter(view, found.terms) if snippets else None
        hits: list[Hit] = []
        for docnum, score in zip(found.docnums[offset:], found.scores[offset:], strict=True):
            stored = view.stored_fields(docnum, body=bodies or highlighter is not None)
            hit = Hit(Statement.from_dict(stored), score if ranked else None)
            if highlighter:
                hit.snippets = highlighter.snippets(hit.statement.body, snippets)
            if not bodies:
                hit.statement.body = ""  # an older index stores it with the other fields
            hits.append(hit)
        result = SearchResult(hits, len(found.matched), tree, terms=found.terms)
        if facets:
            result.facets = counts.facets(view, found.matched)
        if not found.matched and (text.strip() or filters):
            result.suggestion = _suggestion(archive, view, text, filters)
    return result


def _suggestion(
    archive: ArchiveBase, view: Any, text: str, filters: Filters | None
) -> Suggestion | None:
    """A corrected query that finds something under the filters given (corrected too);
    None when there is none: a word that finds nothing there is no suggestion."""
    from statement_cli.index.suggest import suggest

    query, changed = suggest(text, filters, view)
    if query == text and not changed:
        return None
    fixed = replace(filters, **changed) if filters is not None else None
    tree = parse_query(query, named_filters(archive, fixed))
    found = view.ordered(tree, "relevance", 1).matched
    return Suggestion(query, changed) if found else None


@retrying_read
def count_matches(archive: ArchiveBase, text: str = "", filters: Filters | None = None) -> int:
    tree = parse_query(text, named_filters(archive, filters))
    with archive.view() as view:
        return len(view.ordered(tree, "relevance", 1).matched)


@retrying_read
def related(archive: ArchiveBase, prefix: str, limit: int = 10) -> list[Hit]:
    """Statements most like one (Whoosh more-like-this on the body), best first."""
    ident = resolve(archive, prefix)
    with archive.view() as view:
        docnum = view.document_number(ident)
        if docnum is None:
            raise StatementNotFound(prefix)
        best = view.related(docnum, limit)
        return [
            Hit(Statement.from_dict(view.stored_fields(d)), score)
            for d, score in zip(best.docnums, best.scores, strict=True)
        ]


@retrying_read
def match_spans(archive: ArchiveBase, text: str, body: str) -> list[tuple[int, int]]:
    """Where in `body` the words of a query match (for `show --highlight`)."""
    tree = parse_query(text)
    with archive.view() as view:
        highlighter = highlight.highlighter(view, view.ordered(tree, "relevance", 0).terms)
    return highlighter.spans(body, every=True)


@retrying_read
def indexed_hashes(archive: ArchiveBase) -> dict[str, str]:
    """id → sha256 of every indexed statement; ArchiveError if the index cannot be read."""
    return dict(indexed_pairs(archive))


@retrying_read
def indexed_pairs(archive: ArchiveBase) -> list[tuple[str, str]]:
    """(id, sha256) of every statement the index holds, one pair a document: an id that
    stands twice is there twice (`check` looks for it)."""
    from statement_cli.index.folder import reading_the_index

    with reading_the_index(), archive.view() as view:
        return [(str(s["id"]), str(s.get("sha256", ""))) for s in view.all_stored()]


@retrying_read
def indexed_annotations(
    archive: ArchiveBase,
) -> dict[str, tuple[dict[str, str], list[str], bool]]:
    """id → (corrections, tags, whether its names are those the aliases give) of every
    indexed statement (for `check`)."""
    from statement_cli.archive.base import annotations_of
    from statement_cli.index.folder import reading_the_index
    from statement_cli.index.schema import canonical_names

    aliases = archive.aliases()
    with reading_the_index(), archive.view() as view:
        return {
            str(s["id"]): (
                *annotations_of(s),
                (s.get("canonical") or {}) == canonical_names(Statement.from_dict(s), aliases),
            )
            for s in view.all_stored()
        }


@retrying_read
def planned_actions(archive: ArchiveBase, texts: list[tuple[str, str]]) -> list[str]:
    """What ingest would do with each (source, sha256) of a run, in order: add, update,
    unchanged (the same text from the same place) or duplicate (the same text from
    another place), counting the run's own earlier texts, as ingest does."""
    by_hash: dict[str, str] = {}
    sources: set[str] = set()
    actions = []
    with archive.view() as view:
        for source, digest in texts:
            known = by_hash.get(digest)
            if known is None and (stored := view.stored("sha256", digest)) is not None:
                known = str(stored.get("source", ""))
            if known is not None:
                actions.append("unchanged" if source and known == source else "duplicate")
                continue
            is_update = bool(source) and (
                source in sources or view.stored("source", source) is not None
            )
            actions.append("update" if is_update else "add")
            by_hash[digest] = source
            sources.add(source)
    return actions


@retrying_read
def tag_counts(archive: ArchiveBase) -> list[tuple[str, int]]:
    """Every tag with its number of statements, most first."""
    with archive.view() as view:
        return counts.tag_counts(view)


@retrying_read
def named_by_file_names(archive: ArchiveBase) -> Counter[str]:
    """Per speaker, the statements that have it only as their file name gives it
    (`1905-Roosevelt-1.txt` gives `Roosevelt`) and not as corrected: a surname, a weaker
    reading than a name the text gives, which may stand for several people."""
    from statement_cli.text.parse import fields_from_filename  # the header reader: heavy

    with archive.view() as view:
        return Counter(
            statement.speaker
            for statement in map(Statement.from_dict, view.stored_where("speaker", _one_word))
            if "speaker" not in statement.corrected
            and fields_from_filename(PurePath(statement.source).name).get("speaker")
            == statement.speaker
        )


def _one_word(name: str) -> bool:
    return " " not in name  # a file name gives a surname only


@retrying_read
def value_counts(archive: ArchiveBase, name: str) -> list[tuple[str, int]]:
    """Every value of `speaker`, `venue` or `organization` with its count, most first."""
    with archive.view() as view:
        return counts.value_counts(view, name)
