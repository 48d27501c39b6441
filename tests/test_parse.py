"""The parser: every layout, date form and encoding; user metadata; nothing lost."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statement_cli.errors import InputError
from statement_cli.model import HEADER_FIELDS, METADATA_FIELDS
from statement_cli.text.dates import find_date, parse_date
from statement_cli.text.parse import parse_bytes, parse_text

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"

EXPECTED = json.loads((FIXTURES / "layouts-expected.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_fixture_fields(name: str) -> None:
    statement = parse_bytes((LAYOUTS / name).read_bytes(), name)
    assert {f: getattr(statement, f) for f in EXPECTED[name]} == EXPECTED[name]


def test_header_lines_leave_the_body_and_the_rest_stays_in_order() -> None:
    s = parse_bytes((LAYOUTS / "org-title-delivered.txt").read_bytes(), "x.txt")
    assert s.body.startswith("We thank the distinguished representative")
    assert s.body.endswith("Thank you, Mr. Chair.")
    assert "As delivered" not in s.body and "Vienna" not in s.body
    assert s.body.count("\n\n") == 2


def test_end_attribution_is_removed_from_the_body() -> None:
    s = parse_bytes((LAYOUTS / "attribution-at-end.txt").read_bytes(), "x.txt")
    assert s.body.endswith("Thank you, Mr. Chair.")
    assert s.body.startswith("Mr. Chair,")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("April 7, 2016", "2016-04-07"),
        ("7 April 2016", "2016-04-07"),
        ("April 7th, 2016", "2016-04-07"),
        ("2016-04-07", "2016-04-07"),
        ("Sept. 21, 2015", "2015-09-21"),
        ("Thursday, March 3, 2017", "2017-03-03"),
        ("March 2016", "2016-03"),
        ("2016", "2016"),
        ("February 30, 2016", None),
        ("the 7th of April 2016", "2016-04-07"),
        ("7 avril 2016", "2016-04-07"),
        ("1er mars 2019", "2019-03-01"),
        ("mars 2019", "2019-03"),
        ("7. April 2016", "2016-04-07"),
        ("7. März 2016", "2016-03-07"),
        ("7 de abril de 2016", "2016-04-07"),
        ("7 апреля 2016 г.", "2016-04-07"),
        ("19 жовтня 2017 року", "2017-10-19"),
        ("14.01.2016", "2016-01-14"),
        ("30-06-2005", "2005-06-30"),
        ("31.02.2016", None),
    ],
)
def test_date_forms(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


# Month names as the languages of the archive write them in dates, by month number.
_MONTH_WORDS = {
    1: ["January", "janvier", "Januar", "enero", "января", "січня"],
    3: ["March", "mars", "März", "marzo", "марта", "березня"],
    8: ["August", "août", "August", "agosto", "августа", "серпня"],
    12: ["December", "décembre", "Dezember", "diciembre", "декабря", "грудня"],
}


@given(
    day=st.integers(1, 28),
    month=st.sampled_from(sorted(_MONTH_WORDS)),
    year=st.integers(1950, 2030),
    form=st.sampled_from(["{d} {m} {y}", "{d}. {m} {y}", "{d} de {m} de {y}", "{d} {m} {y} г."]),
    data=st.data(),
)
def test_dates_in_other_languages_read_as_written(
    day: int, month: int, year: int, form: str, data: st.DataObject
) -> None:
    word = data.draw(st.sampled_from(_MONTH_WORDS[month]))
    text = form.format(d=day, m=word, y=year)
    assert parse_date(text) == f"{year:04d}-{month:02d}-{day:02d}", text
    inside = f"Vienne, {text} - Intervention"
    found = find_date(inside)
    assert found and found[0] == f"{year:04d}-{month:02d}-{day:02d}", inside


def test_date_in_body_prose_is_not_the_statement_date() -> None:
    s = parse_text(
        "Statement on Things\n\nOn April 7, 2016, we met and agreed on many things here.\n"
    )
    assert s.date == ""


def test_windows_1252_and_crlf() -> None:
    s = parse_bytes((LAYOUTS / "cp1252-crlf.txt").read_bytes(), "cp1252-crlf.txt")
    assert s.speaker == "José Müller"
    assert "“Free media”" in s.body and "–" in s.body and "Zürich" in s.body
    assert "\r" not in s.body and "  " not in s.body


def test_latin_1_without_windows_characters() -> None:
    s = parse_bytes("Statement on Caf\u00e9s\n\nSe\u00f1or G\u00f3mez spoke.\n".encode("latin-1"))
    assert s.title == "Statement on Cafés" and "Señor Gómez" in s.body


def test_bom_nbsp_and_nfc() -> None:
    s = parse_bytes((LAYOUTS / "utf8-bom.txt").read_bytes(), "utf8-bom.txt")
    assert s.title == "Statement on Press Freedom in Syldavia"
    decomposed = parse_text("Statement on Cafe\u0301s\n\nText here.\n")
    assert decomposed.title == "Statement on Cafés"


def test_cr_only_line_ends() -> None:
    s = parse_bytes(
        b"Statement on Old Macs\r\rAs delivered by Ambassador Jane Example\rto the Permanent Council, Vienna\rMay 1, 2015\r\rBody text here.\r"
    )
    assert (s.title, s.speaker, s.date, s.body) == (
        "Statement on Old Macs",
        "Jane Example",
        "2015-05-01",
        "Body text here.",
    )


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03abc", bytes(range(1, 32)) * 20])
def test_binary_is_rejected(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        parse_bytes(data)


def test_bare_text_headline_first_line() -> None:
    s = parse_text(
        "The Road Ahead for Arms Control\n\nColleagues, the road ahead is long and we must walk it together.\n",
        "x.txt",
    )
    assert s.title == "The Road Ahead for Arms Control"
    assert s.body.startswith("Colleagues")


def test_bare_text_without_headline_takes_title_from_file_name() -> None:
    s = parse_text(
        "Mr. President, we meet again in difficult times, and the world is watching.\n",
        "2016-04-07-difficult-times.txt",
    )
    assert (s.title, s.date) == ("Difficult times", "2016-04-07")
    assert s.body.startswith("Mr. President")


def test_options_beat_front_matter_beat_csv_beat_header_beat_file_name() -> None:
    text = "---\nspeaker: Front Matter\nvenue: Front Venue\n---\nStatement on Layers\n\nAs delivered by Ambassador Header Person\nto the Header Council, Vienna\nMay 2, 2016\n\nBody words here.\n"
    name = "2010-01-01-file-name.txt"
    csv = {"speaker": "Csv Person", "venue": "Csv Venue", "city": "Csv City", "title": "Csv Title"}
    s = parse_text(text, name, options={"speaker": "Option Person"}, csv_fields=csv)
    assert s.speaker == "Option Person"
    assert s.venue == "Front Venue"
    assert s.city == "Csv City" and s.title == "Csv Title"
    assert s.date == "2016-05-02"  # the header beats the file name
    assert s.speaker_title == "Ambassador"
    assert (
        parse_text("Just a body of text that is long enough to be prose, surely.\n", name).date
        == "2010-01-01"
    )


def test_front_matter_is_not_part_of_the_body() -> None:
    s = parse_bytes((LAYOUTS / "front-matter.txt").read_bytes(), "front-matter.txt")
    assert s.body.startswith("Thank you, Mr. Chair.") and "---" not in s.body


def test_ingest_options_and_metadata_csv(run, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Plain words only, nothing else to see in here at all.\n")
    (tmp_path / "two.txt").write_text("Other plain words only, nothing else to see here.\n")
    (tmp_path / "meta.csv").write_text(
        "file,speaker,venue,date\none.txt,Csv Speaker,Csv Venue,2015-02-03\ntwo,Second Speaker,,2014\n"
    )
    result = run(
        "ingest",
        str(tmp_path / "one.txt"),
        str(tmp_path / "two.txt"),
        "--metadata",
        str(tmp_path / "meta.csv"),
        "--city",
        "Geneva",
    )
    assert result.exit_code == 0, result.output
    rows = {
        Path(r["source"]).name: r
        for r in json.loads(run("list", "--format", "json").stdout)["hits"]
    }
    assert (rows["one.txt"]["speaker"], rows["one.txt"]["venue"], rows["one.txt"]["date"]) == (
        "Csv Speaker",
        "Csv Venue",
        "2015-02-03",
    )
    assert (rows["two.txt"]["speaker"], rows["two.txt"]["date"]) == ("Second Speaker", "2014")
    assert rows["one.txt"]["city"] == rows["two.txt"]["city"] == "Geneva"


def test_dry_run_table_and_json_write_nothing(run, archive_dir: Path) -> None:
    table = run("ingest", "--dry-run", str(LAYOUTS / "speaker-block.txt"))
    assert table.exit_code == 0
    assert "Mary K. Sample" in table.stdout and "New York City" in table.stdout
    data = json.loads(run("ingest", "--dry-run", "--format", "json", str(LAYOUTS)).stdout)
    assert len(data) == len(EXPECTED)
    by_name = {Path(r["source"]).name: r for r in data}
    for name, fields in EXPECTED.items():
        assert {f: by_name[name][f] for f in fields} == fields
    assert not archive_dir.exists()


def test_accuracy_script_runs_on_the_fixtures() -> None:
    script = Path(__file__).parent.parent / "benchmarks" / "parse_accuracy.py"
    result = subprocess.run(
        [sys.executable, str(script), str(LAYOUTS), str(FIXTURES / "layouts-expected.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Two fixtures take their title from the file name, which the script counts as empty.
    assert re.search(r"^title\s+16\s+16\s+18\s", result.stdout, re.MULTILINE), result.stdout
    for field in HEADER_FIELDS[1:]:
        assert re.search(
            rf"^{field}\s+\d+\s+\d+\s+\d+\s+100\.0%\s+100\.0%$", result.stdout, re.MULTILINE
        )
    assert "files losing body words: 0" in result.stdout


# ---- properties --------------------------------------------------------------------------

LABELS = {"as", "delivered", "by", "to", "the", "at", "before", "in", "prepared", "for", "delivery"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parsing_never_raises_on_any_text(text: str) -> None:
    parse_text(text, "some-file.txt")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_parsing_bytes_raises_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_bytes(data)


_LINES = st.sampled_from(
    [
        "United States Mission to the OSCE",
        "Statement on the Situation in Ruritania",
        "As delivered by Ambassador Jane Q. Example",
        "to the Permanent Council, Vienna",
        "April 7, 2016",
        "Mary K. Sample",
        "U.S. Deputy Representative to the United Nations",
        "New York City",
        "Thank you, Mr. Chair.",
        "",
    ]
)
_PROSE = st.lists(
    st.sampled_from("we urge all sides to show restraint and respect commitments zebra".split()),
    min_size=3,
    max_size=30,
).map(lambda w: " ".join(w) + ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, _PROSE), max_size=14))
def test_no_word_is_lost(lines: list[str]) -> None:
    text = "\n".join(lines)
    s = parse_text(text, "")
    kept = " ".join([s.body, *(getattr(s, f) for f in METADATA_FIELDS)]).casefold()
    kept_words = set(re.findall(r"\w+", kept))
    for word in re.findall(r"\w+", text.casefold()):
        assert word in kept_words or word in LABELS or word.isdigit() or word == "april", word


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("---\ntitle: Given\n---\nStatement on Ruritania\n\nWe met today.\n", None),
        ("Statement on Ruritania\n\nWe met today.\n", {"title": "Given"}),
        ("Remarks\nAmbassador Jane Example\nVienna, 7 April 2016\n\nWe met.\n", {"speaker": "X"}),
    ],
)
def test_a_header_line_whose_field_is_given_stays_in_the_body(
    text: str, options: dict[str, str] | None
) -> None:
    statement = parse_text(text, "", options)
    for words in ("Statement on Ruritania", "Jane Example"):
        if words in text:
            assert words in statement.body
