"""Header layouts of real statements, on invented texts (invented names and missions, the
layouts of the dev set): each field, where it was read, and nothing lost."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statement_cli.model import METADATA_FIELDS
from statement_cli.text.parse import parse_text, parse_with_sources
from statement_cli.text.vocabulary import DROPPABLE_WORDS

BODY = "We remain concerned about the situation and urge all sides to return to talks."

LAYOUTS = {
    "speaker block, rank before the name": (
        "Remarks at a UN Security Council Briefing on the Situation in Osterlich\n\n"
        "Ambassador Jane Q. Example\n"
        "U.S. Deputy Representative to the United Nations\n"
        "U.S. Mission to the United Nations\n"
        "New York, New York\n"
        "March 3, 2021\n\n\n"
        f"Thank you, Mr. President. {BODY}\n",
        {
            "title": "Remarks at a UN Security Council Briefing on the Situation in Osterlich",
            "speaker": "Jane Q. Example",
            "speaker_title": "U.S. Deputy Representative to the United Nations",
            "organization": "U.S. Mission to the United Nations",
            "venue": "UN Security Council",
            "city": "New York",
            "date": "2021-03-03",
        },
    ),
    "statement delivered by H.E. Ms.": (
        "UN GENERAL ASSEMBLY DEBATE – AGENDA ITEM 99 – REFORM OF THE WORKING METHODS\n"
        "Statement delivered by H.E. Ms. Mara Placeholder, Ambassador and Deputy Permanent "
        "Representative of Ruritania to the United Nations\n"
        "4 October 2022\n"
        "Thank you President\n"
        f"{BODY}\n",
        {
            "title": "UN GENERAL ASSEMBLY DEBATE – AGENDA ITEM 99 – REFORM OF THE WORKING METHODS",
            "speaker": "Mara Placeholder",
            "speaker_title": "Ambassador and Deputy Permanent Representative of Ruritania to "
            "the United Nations",
            "organization": "",
            "venue": "UN GENERAL ASSEMBLY",
            "city": "",
            "date": "2022-10-04",
        },
    ),
    "dateline with a date": (
        f"Delegations meet on confidence-building measures\nGENEVA, 3 March 2019 - {BODY}\n",
        {
            "title": "Delegations meet on confidence-building measures",
            "city": "Geneva",
            "date": "2019-03-03",
            "speaker": "",
            "venue": "",
        },
    ),
    "dateline in brackets": (
        "Senator Alex Sample, Chairman\n"
        "Rep. Sam Other, Co-Chairman\n"
        "For Immediate Release\n"
        "May 2, 2012\n\n"
        f"(Ottawa) - {BODY}\n",
        {"title": "", "speaker": "", "speaker_title": "", "city": "Ottawa", "date": "2012-05-02"},
    ),
    "EU meeting line": (
        "OSCE Permanent Council No. 1234 Vienna, 9 May 2019\n\n"
        "EU Statement on the Situation in Syldavia\n\n"
        f"1. {BODY}\n",
        {
            "title": "EU Statement on the Situation in Syldavia",
            "speaker": "",
            "venue": "OSCE Permanent Council",
            "city": "Vienna",
            "date": "2019-05-09",
        },
    ),
    "EU meeting line at the Forum, number without a full stop": (
        "EU Statement on Small Arms\n\n"
        "Forum for Security Co-operation No 1050, Vienna, 16 November 2023\n\n"
        f"1. {BODY}\n",
        {
            "title": "EU Statement on Small Arms",
            "venue": "Forum for Security Co-operation",
            "city": "Vienna",
            "date": "2023-11-16",
        },
    ),
    "office after the name ending 'to the OSCE'": (
        "Statement by Ambassador Lee Example, Permanent Representative of Ruritania to the OSCE\n\n"
        "12 May 2016\n\n"
        f"Mr. Chair,\n\n{BODY}\n",
        {
            "speaker": "Lee Example",
            "speaker_title": "Permanent Representative of Ruritania to the OSCE",
            "venue": "",
            "date": "2016-05-12",
        },
    ),
    "captions between headline and attribution": (
        "Reply to Borduria on its Commitments\n\n"
        "A delegation's nameplate in the council chamber, Vienna, May 4, 2015. (Example/Photo)\n\n"
        "Right of Reply to the Delegation of Borduria on its Commitments and Obligations\n\n"
        "As delivered by Chargé d’Affaires, a.i. Jo Example\n"
        "to the Permanent Council, Vienna\n"
        "June 1, 2017\n\n"
        f"{BODY}\n",
        {
            "title": "Reply to Borduria on its Commitments",
            "speaker": "Jo Example",
            "speaker_title": "Chargé d’Affaires, a.i.",
            "venue": "Permanent Council",
            "city": "Vienna",
            "date": "2017-06-01",
        },
    ),
    "gov.uk speech label and summary sentence": (
        "Speech\n\n"
        "Stability matters to all of us: UK statement to the OSCE\n\n"
        "Ambassador Pat Example's statement condemns the attacks and calls for a ceasefire.\n\n"
        f"Thank you, Mr Chair. {BODY}\n",
        {
            "title": "Stability matters to all of us: UK statement to the OSCE",
            "speaker": "Pat Example",
            "speaker_title": "Ambassador",
            "venue": "OSCE",
            "date": "",
        },
    ),
    "no blank lines at all": (
        "Reply to Syldavia on its Ongoing Violations\n"
        "As delivered by Ambassador Kim R. Example\n"
        "to the Permanent Council, Vienna\n"
        "June 1, 2017\n"
        "Thank you, Mr. Chair.\n"
        f"{BODY}\n{BODY}\n",
        {
            "title": "Reply to Syldavia on its Ongoing Violations",
            "speaker": "Kim R. Example",
            "speaker_title": "Ambassador",
            "venue": "Permanent Council",
            "city": "Vienna",
            "date": "2017-06-01",
        },
    ),
    "UN press release": (
        "SC/1234\n\n"
        "SECURITY COUNCIL PRESS STATEMENT ON ATTACK IN SYLDAVIA\n\n"
        "08/10/2004\n"
        "Press Release\n"
        "SC/1234\n\n"
        "Security Council Press Statement on Attack in Syldavia\n\n\n"
        "Following is today’s press statement by the Security Council President, "
        "Ana Example (Ruritania):\n\n"
        f"{BODY}\n\n* *** *\n",
        {
            "title": "Security Council Press Statement on Attack in Syldavia",
            "speaker": "Ana Example",
            "speaker_title": "Security Council President",
            "organization": "Security Council",
            "date": "2004-10-08",
            "venue": "",
        },
    ),
    "dd.mm.yyyy date line": (
        "Press statement on the opening of the Chairmanship\n\n"
        "14.01.2016 - Press release\n\n"
        f"{BODY}\n",
        {"title": "Press statement on the opening of the Chairmanship", "date": "2016-01-14"},
    ),
    "month-precision date in the headline": (
        "National statements\n\n"
        "Wrap-up Session - March 2014\n\n"
        "Statement by HE Mr Lee Example, Ambassador and Permanent Representative of Ruritania "
        "to the United Nations\n\n"
        f"Madam President\n\n{BODY}\n",
        {
            "title": "Wrap-up Session - March 2014",
            "speaker": "Lee Example",
            "speaker_title": "Ambassador and Permanent Representative of Ruritania to the United "
            "Nations",
            "venue": "Wrap-up Session",
            "date": "2014-03",
        },
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout(layout: str) -> None:
    text, expected = LAYOUTS[layout]
    statement, sources = parse_with_sources(text, "some-file.txt")
    got = {f: getattr(statement, f) for f in expected}
    if expected.get("title") == "":
        got["title"] = "" if sources["title"]["from"] == "file name" else statement.title
    assert got == expected
    assert statement.body, "the body is never empty"
    _assert_nothing_lost(text, statement)


@pytest.mark.parametrize(
    "salutation",
    [
        "Gentlemen of the Congress:",
        "Mr. Speaker, Mr. Vice President, Members of the Congress:",
        "Fellow-Citizens of the Senate and House of Representatives:",
        "[Delivered in person before a joint session]",
    ],
)
def test_a_salutation_or_editorial_note_is_never_a_title(salutation: str) -> None:
    text = f"{salutation}\n\nI come before you today to report on the state of our affairs.\n"
    statement, sources = parse_with_sources(text, "1913-Example-1.txt")
    assert sources["title"] == {"from": "file name"}
    assert statement.title == "1913 Example 1"
    assert statement.body.startswith(salutation)


def test_a_posted_date_stays_in_the_body_and_the_delivery_date_wins() -> None:
    text = (
        "Posted on April 8, 2016\n\nOngoing Violations in Syldavia\n\n"
        "As delivered by Ambassador Jo Example\nto the Permanent Council, Vienna\n"
        f"April 7, 2016\n\n{BODY}\n"
    )
    statement = parse_text(text, "x.txt")
    assert (statement.title, statement.date) == ("Ongoing Violations in Syldavia", "2016-04-07")
    assert statement.body == f"Posted on April 8, 2016\n\n{BODY}"


def test_sources_name_the_line_of_each_field() -> None:
    text, _ = LAYOUTS["speaker block, rank before the name"]
    _, sources = parse_with_sources("\n\n" + text, "x.txt")
    assert sources["title"] == {"from": "text", "line": 3}
    assert sources["speaker"] == {"from": "text", "line": 5}
    assert sources["speaker_title"] == {"from": "text", "line": 6}
    assert sources["date"] == {"from": "text", "line": 9}


def test_sources_count_lines_after_front_matter_and_name_other_origins() -> None:
    text = "---\nvenue: Front Venue\n---\nOn Energy Security\n\nAs delivered by Ambassador Jo Example\n\nWords of the body here.\n"
    _, sources = parse_with_sources(
        text, "2015-03-02-x.txt", options={"city": "Bern"}, csv_fields={"org": "A Mission"}
    )
    assert sources["title"] == {"from": "text", "line": 4}
    assert sources["speaker"] == {"from": "text", "line": 6}
    assert sources["venue"] == {"from": "front matter"}
    assert sources["city"] == {"from": "option"}
    assert sources["organization"] == {"from": "metadata csv"}
    assert sources["date"] == {"from": "file name"}


def test_dry_run_shows_where_each_field_came_from(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text, _ = LAYOUTS["speaker block, rank before the name"]
    (tmp_path / "block.txt").write_text(text, "utf-8")
    (tmp_path / "bare.txt").write_text(f"Mr. President,\n\n{BODY}\n", "utf-8")
    data = json.loads(run("ingest", "--dry-run", "--format", "json", str(tmp_path)).stdout)
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in data}
    block, bare = by_name["block.txt"], by_name["bare.txt"]
    assert block["speaker"] == "Jane Q. Example" and "word_count" in block
    assert block["sources"]["speaker"] == {"from": "text", "line": 3}
    # The language is told from the body's words.
    assert bare["sources"] == {"title": {"from": "file name"}, "lang": {"from": "detected"}}
    assert bare["lang"] == "en"
    table = run("ingest", "--dry-run", str(tmp_path / "block.txt")).stdout
    assert re.search(r"speaker\s+Jane Q\. Example\s+line 3", table)


def _assert_nothing_lost(text: str, statement) -> None:  # type: ignore[no-untyped-def]
    kept = " ".join([statement.body, *(getattr(statement, f) for f in METADATA_FIELDS)])
    kept_words = set(re.findall(r"\w+", kept.casefold()))
    for word in re.findall(r"\w+", text.casefold()):
        assert word in kept_words or word in DROPPABLE_WORDS or word.isdigit(), word


_HEADER_LINES = st.sampled_from(
    [line for text, _ in LAYOUTS.values() for line in text.split("\n")[:8]]
)
_PROSE = st.lists(
    st.sampled_from("we urge all sides to show restraint and respect commitments zebra".split()),
    min_size=3,
    max_size=30,
).map(lambda w: " ".join(w) + ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_HEADER_LINES, _PROSE, st.just("")), max_size=16))
def test_no_word_is_lost_from_any_mix_of_real_header_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    _assert_nothing_lost(text, parse_text(text, ""))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_HEADER_LINES, st.text(max_size=60)), max_size=12))
def test_parsing_never_raises_on_header_lines_mixed_with_anything(lines: list[str]) -> None:
    parse_with_sources("\n".join(lines), "x.txt")
