"""Import Whoosh without three modules it loads and never uses here.

`whoosh.compat` imports `urllib.request` (~26 ms of start-up) only for `urlretrieve`;
`whoosh.reading` imports the `cached_property` backport, which imports `asyncio` (~21 ms),
for one property; and `whoosh.query.terms` imports the English word-variation tables
(~10 ms) for a query type the archive never builds. While Whoosh is first imported, these
names resolve to small stand-ins (lazy functions that import the real module when called,
and the standard library's `functools.cached_property`); then `sys.modules` is put back
as it was, so other code importing them gets the real ones.
"""

from __future__ import annotations

import functools
import sys
import types


def _lazy_urlretrieve(*args, **kwargs):  # type: ignore[no-untyped-def]
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _lazy_variations(*args, **kwargs):  # type: ignore[no-untyped-def]
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)


def load() -> None:
    """Import the Whoosh modules the archive uses, cheaply, once."""
    if "whoosh.reading" in sys.modules:
        return
    stand_ins = {
        "urllib.request": types.ModuleType("urllib.request"),
        "cached_property": types.ModuleType("cached_property"),
        "whoosh.lang.morph_en": types.ModuleType("whoosh.lang.morph_en"),
    }
    stand_ins["urllib.request"].urlretrieve = _lazy_urlretrieve  # type: ignore[attr-defined]
    stand_ins["cached_property"].cached_property = functools.cached_property  # type: ignore[attr-defined]
    stand_ins["whoosh.lang.morph_en"].variations = _lazy_variations  # type: ignore[attr-defined]
    added = [name for name in stand_ins if name not in sys.modules]
    for name in added:
        sys.modules[name] = stand_ins[name]
    try:
        import whoosh.compat
        import whoosh.query.terms
        import whoosh.reading  # noqa: F401
    finally:
        for name in added:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
