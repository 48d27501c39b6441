"""Aliases: names made one by the user (`statement alias speaker "Daniel Baer" "Daniel
B. Baer"`), exact and explicit, for speakers and venues.

A variant matches a name written the same way, ignoring case and runs of spaces
(nothing looser: the loose rule of `--speaker` is `names`, and an alias wins over it).
A canonical name is never itself a variant: aliasing a canonical name re-points its
variants, so every lookup is one step. Pure: the archive keeps the table on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from statement_cli.errors import InputError, Remedy
from statement_cli.text.inert import inert

KINDS = ("speaker", "venue")


def normal(name: str) -> str:
    """How a variant is matched: case and runs of spaces ignored."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Aliases:
    """variant → canonical name, per kind (speaker, venue), as the user wrote them."""

    table: dict[str, dict[str, str]] = field(default_factory=dict)

    def canonical(self, kind: str, name: str) -> str:
        """The name `name` is known by (itself when it is no variant)."""
        if not name:
            return name
        return self._lookup(kind).get(normal(name), name)

    def _lookup(self, kind: str) -> dict[str, str]:
        return {normal(v): c for v, c in self.table.get(kind, {}).items()}

    def names(self, kind: str) -> set[str]:
        """Every name an alias of this kind mentions, normalised (variants and canonicals)."""
        pairs = self.table.get(kind, {})
        return {normal(n) for pair in pairs.items() for n in pair}

    def pairs(self) -> list[tuple[str, str, str]]:
        """(kind, variant, canonical), sorted by kind, canonical, variant."""
        return sorted(
            ((k, v, c) for k in KINDS for v, c in self.table.get(k, {}).items()),
            key=lambda p: (p[0], normal(p[2]), normal(p[1])),
        )

    def adding(self, kind: str, variant: str, canonical: str) -> Aliases:
        """This table with one more alias (InputError when it cannot be one)."""
        kind = checked_kind(kind)
        variant, canonical = checked_name(variant), checked_name(canonical)
        if normal(variant) == normal(canonical):
            raise InputError(f"{variant!r} and {canonical!r} are already one name")
        lookup = self._lookup(kind)
        if normal(canonical) in lookup:
            target = lookup[normal(canonical)]
            if normal(target) == normal(variant):  # the alias the other way round
                raise InputError(
                    f"{canonical!r} is already an alias of {variant!r}; to use {canonical!r} "
                    "instead, first remove that alias",
                    remedy=Remedy.REMOVE_ALIAS,
                    subject=(kind, canonical),
                )
            raise InputError(
                f"{canonical!r} is itself an alias of {target!r}; alias {variant!r} to {target!r}"
            )
        kept = {
            v: (canonical if normal(c) == normal(variant) else c)  # re-point its variants
            for v, c in self.table.get(kind, {}).items()
            if normal(v) != normal(variant)
        }
        kept[variant] = canonical
        return Aliases({**self.table, kind: kept})

    def removing(self, kind: str, variant: str) -> Aliases:
        kind = checked_kind(kind)
        pairs = self.table.get(kind, {})
        kept = {v: c for v, c in pairs.items() if normal(v) != normal(variant)}
        if len(kept) == len(pairs):
            raise InputError(
                f"{inert(variant)!r} is no {kind} alias", remedy=Remedy.LIST_ALIASES
            )
        return Aliases({**self.table, kind: kept})


def checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(f"{inert(kind)!r} is not speaker or venue; aliases are for those two")
    return kind


def checked_name(name: str) -> str:
    text = " ".join(inert(name).split())
    if not text:
        raise InputError("an empty name; give the name as the statements write it")
    return text
