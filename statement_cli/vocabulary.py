"""Word lists the header reader works from, kept as data."""

from __future__ import annotations

DROPPABLE_WORDS = frozenset(
    "as delivered by to the at before in prepared for delivery statement remarks on of a an "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec st nd rd th mr ms mrs dr".split()
)
