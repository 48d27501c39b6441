"""The one rule for when two ways of writing a name are one name (text/names), by
example and by property."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statement_cli.text.names import name_key, name_words, similar_names

# Name words as people write them: capitalised, some with accents.
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüçøñ", min_size=2, max_size=10).map(
    str.capitalize
)
names = st.lists(word, min_size=1, max_size=4)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Daniel Baer", "Daniel B. Baer"),
        ("Daniel Baer", "Amb. Daniel Baer"),
        ("Daniel Baer", "Baer, Daniel"),
        ("Zoe Cafe", "Zoë Café"),
        ("Sergei Lavrov", "H.E. Mr. Sergei V. Lavrov"),
        ("Jane Example", "JANE EXAMPLE"),
        ("Permanent Council", "permanent  council"),
    ],
)
def test_one_name_however_written(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Daniel Baer", "Daniel Bauer"), ("Jane Example", "John Example"), ("Baer", "Daniel Baer")],
)
def test_other_names_stay_apart(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


@given(names, st.sampled_from(["Amb.", "Ambassador", "Dr.", "H.E.", "Mr.", "Sir"]))
def test_an_honorific_changes_nothing(parts: list[str], honorific: str) -> None:
    name = " ".join(parts)
    assert name_key(f"{honorific} {name}") == name_key(name)


@given(names, st.sampled_from("ABCDEFGHJKLMNPQRSTVWXYZ"))
def test_a_middle_initial_changes_nothing(parts: list[str], initial: str) -> None:
    with_initial = [parts[0], f"{initial}.", *parts[1:]]
    assert name_key(" ".join(with_initial)) == name_key(" ".join(parts))


@given(names)
def test_order_and_a_comma_change_nothing(parts: list[str]) -> None:
    reordered = f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else parts[0]
    assert name_key(reordered) == name_key(" ".join(parts))


@given(names)
def test_accents_change_nothing(parts: list[str]) -> None:
    name = " ".join(parts)
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert name_key(plain) == name_key(name)


@given(st.text(max_size=40))
def test_the_key_of_a_key_is_itself(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)
    assert all(len(w) > 1 and w == w.lower() for w in name_words(text))


def test_similar_names_are_grouped_most_frequent_first() -> None:
    counts = [("Daniel B. Baer", 5), ("Jane Example", 4), ("Amb. Baer, Daniel", 1), ("Baer", 2)]
    assert similar_names(counts) == [[("Daniel B. Baer", 5), ("Amb. Baer, Daniel", 1)]]
