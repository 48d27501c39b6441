"""`statement quote`: where a quotation was said, however it was retyped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import given
from hypothesis import strategies as st
from processes import write_statements

from statement_cli.archive import Archive, quoting
from statement_cli.text import passages, quotes

# Invented statements. The first holds the passages the quotations are made from.
KAZAKH = """United States Mission to the OSCE

Response to the Report of the Election Observation Mission

As delivered by Ambassador Jane Q. Example
to the Permanent Council, Vienna
April 7, 2016

Thank you, Mr. Chair.

We welcome the report and thank the mission for its thorough work.

We note that Kazakhstan still has a considerable way to go in meeting its commitments on media freedom and the conduct of elections.

Some twenty-five per cent of polling stations opened late, and co-operation with observers was uneven across the regions.

Thank you, Mr. Chair.
"""

OTHER = """Statement on Humanitarian Access

As delivered by Ambassador John R. Roe
to the Permanent Council, Vienna
May 12, 2017

Mr. Chair, humanitarian convoys must reach the people who need them.

Access for relief workers has been denied in three regions, and the convoys wait at the border.
"""

MARKUP = """Statement on Markup

As delivered by Ambassador Alex N. Other
to the Permanent Council, Vienna
June 1, 2018

The delegation of [bold]Examplestan[/bold] rejected the proposal outright.
"""


@pytest.fixture
def quoted(run: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in (("kazakh.txt", KAZAKH), ("other.txt", OTHER), ("markup.txt", MARKUP)):
        (folder / name).write_text(text, "utf-8")
    assert run("ingest", str(folder)).exit_code == 0
    return folder


def _matches(run: Run, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = run("quote", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)["matches"]


def _kazakh_id(run: Run) -> str:
    result = run("search", "kazakhstan", "--format", "ids")
    return result.stdout.strip()


def test_an_exact_quotation_scores_100_with_where_it_was_said(run: Run, quoted: Path) -> None:
    code, found = _matches(run, "Kazakhstan still has a considerable way to go")
    assert code == 0
    best = found[0]
    assert best["score"] == 100
    assert best["id"] == _kazakh_id(run)
    assert best["date"] == "2016-04-07"
    assert best["speaker"] == "Jane Q. Example"
    assert best["passage"] == "Kazakhstan still has a considerable way to go"
    assert [d["kind"] for d in best["differences"]] == ["same"]  # type: ignore[union-attr, index]


def test_the_paragraph_is_the_one_show_numbers_gives(run: Run, quoted: Path) -> None:
    _, found = _matches(run, "co-operation with observers was uneven")
    shown = run("show", _kazakh_id(run), "--numbers", "--format", "text").stdout
    numbered = re.search(r"¶(\d+) [^\n]*co-operation with observers was uneven", shown)
    assert numbered is not None
    assert found[0]["paragraph"] == int(numbered.group(1)) == 4


def test_case_punctuation_quote_marks_and_dashes_do_not_count(run: Run, quoted: Path) -> None:
    code, found = _matches(run, "“KAZAKHSTAN still has — a considerable way, to go…”")
    assert code == 0
    assert found[0]["score"] == 100


def test_a_dropped_word_is_marked_inserted_in_the_plain_passage(run: Run, quoted: Path) -> None:
    result = run("quote", "Kazakhstan has a considerable way to go")
    assert result.exit_code == 0
    head, passage = result.stdout.splitlines()[:2]
    score, ident, date, speaker, paragraph = head.split("\t")
    assert 80 <= int(score) < 100
    assert (ident, date, speaker, paragraph) == (
        _kazakh_id(run),
        "2016-04-07",
        "Jane Q. Example",
        "¶3",
    )
    assert passage.strip() == "Kazakhstan [+still+] has a considerable way to go"


def test_a_changed_word_is_marked_removed_and_inserted(run: Run, quoted: Path) -> None:
    result = run("quote", "Kazakhstan still has a significant way to go in meeting its commitments")
    assert result.exit_code == 0
    passage = result.stdout.splitlines()[1].strip()
    assert passage == (
        "Kazakhstan still has a [-significant-] [+considerable+] way to go in meeting its commitments"
    )
    assert int(result.stdout.split("\t")[0]) == 92  # 11 of 12 words each side


def test_an_added_word_is_marked_removed(run: Run, quoted: Path) -> None:
    _, found = _matches(run, "Kazakhstan still has a very considerable way to go")
    assert [(d["kind"], d["text"]) for d in found[0]["differences"] if d["kind"] != "same"] == [  # type: ignore[union-attr, index]
        ("removed", "very")
    ]


def test_numbers_as_words_or_digits_and_hyphenation_do_not_count(run: Run, quoted: Path) -> None:
    code, found = _matches(
        run, "Some 25% of polling stations opened late, and cooperation with observers"
    )
    assert code == 0
    assert found[0]["score"] == 100
    assert "twenty-five per cent" in str(found[0]["passage"])


def test_nothing_close_exits_1_and_says_so(run: Run, quoted: Path) -> None:
    result = run("quote", "the moon landing was staged in a studio")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no passage scores 80 or more" in result.stderr


def test_min_score_decides_and_the_closest_is_named(run: Run, quoted: Path) -> None:
    text = "Kazakhstan still has a significant way to go"
    assert run("quote", text).exit_code == 0
    result = run("quote", text, "--min-score", "95")
    assert result.exit_code == 1
    assert f"the closest scores 88 ({_kazakh_id(run)} ¶3)" in result.stderr


def test_filters_apply(run: Run, quoted: Path) -> None:
    text = "Kazakhstan still has a considerable way to go"
    assert run("quote", text, "--speaker", "roe").exit_code == 1
    assert run("quote", text, "--speaker", "example", "--year", "2016").exit_code == 0
    assert run("quote", text, "--since", "2017").exit_code == 1


def test_the_best_passage_comes_first(run: Run, quoted: Path, tmp_path: Path) -> None:
    near = tmp_path / "near.txt"
    near.write_text(
        "Statement on Kazakhstan\n\nAs delivered by Ambassador John R. Roe\n"
        "to the Permanent Council, Vienna\nMarch 3, 2015\n\n"
        "Kazakhstan still has a long road ahead in meeting its commitments.\n",
        "utf-8",
    )
    assert run("ingest", str(near)).exit_code == 0
    _, found = _matches(
        run,
        "Kazakhstan still has a considerable way to go in meeting its commitments",
        "--min-score",
        "0",
    )
    assert [m["speaker"] for m in found] == ["Jane Q. Example", "John R. Roe"]
    assert found[0]["score"] > found[1]["score"]  # type: ignore[operator]


def test_other_formats(run: Run, quoted: Path) -> None:
    text = "Kazakhstan has a considerable way to go"
    ident = _kazakh_id(run)
    assert run("quote", text, "--format", "ids").stdout == f"{ident}\n"
    lines = run("quote", text, "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0])["marked"] == "Kazakhstan [+still+] has a considerable way to go"
    rows = run("quote", text, "--format", "csv").stdout.splitlines()
    assert rows[0] == "score,id,date,speaker,title,paragraph,last_paragraph,covers,marked"
    assert ident in rows[1] and "[+still+]" in rows[1]


def test_on_a_terminal_differences_are_styled_not_bracketed(run: Run, quoted: Path) -> None:
    result = run("--color", "always", "quote", "Kazakhstan still has a significant way to go")
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    assert "[-" not in result.stdout and "[+" not in result.stdout
    assert "significant" in result.stdout and "considerable" in result.stdout


def test_statement_text_is_data(run: Run, quoted: Path) -> None:
    result = run(
        "--color", "always", "quote", "The delegation of Examplestan rejected the proposal"
    )
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "The delegation of [bold]Examplestan[/bold] rejected" in shown


def test_an_empty_quotation_is_a_usage_error(run: Run, quoted: Path) -> None:
    result = run("quote", "“ — ”")
    assert result.exit_code == 2
    assert "the quotation has no words" in result.stderr


def test_only_candidates_from_the_index_are_aligned(
    run: Run, archive_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 statements without the quotation's rare words are never aligned."""
    folder = tmp_path / "many"
    write_statements(folder, 40)
    (folder / "kazakh.txt").write_text(KAZAKH, "utf-8")
    assert run("ingest", str(folder)).exit_code == 0
    aligned: list[str] = []
    real = quotes.find_passage

    def counting(quote: str, wanted: list[quotes.Token], text: str) -> quotes.Passage | None:
        aligned.append(text)
        return real(quote, wanted, text)

    monkeypatch.setattr(quotes, "find_passage", counting)
    found = Archive.open(archive_dir).quote("Kazakhstan still has a considerable way to go")
    assert found[0].score == 100
    assert aligned and all(text in KAZAKH for text in aligned)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Nation’s don't", ["nations", "dont"]),
        ("one hundred and five, 1,000 and twenty-one", ["105", "1000", "and", "21"]),
        ("ten per cent or 10 %", ["10", "percent", "or", "10", "percent"]),
        ("Zürich", ["zurich"]),
    ],
)
def test_tokens_normalise_what_a_quotation_changes(written: str, words: list[str]) -> None:
    assert [t.word for t in quotes.tokens(written)] == words


def test_words_in_most_statements_do_not_pick_the_candidates(run: Run, tmp_path: Path) -> None:
    """60 statements of the same 17 words: only the rare word of the quotation (its
    statement's marker) picks the candidates, and the quotation is found."""
    paths = write_statements(tmp_path / "many", 60, words=200)
    assert run("ingest", str(tmp_path / "many")).exit_code == 0
    words = paths[7].read_text().split()
    quotation = " ".join(words[-10:])  # ends with "marker7."
    code, found = _matches(run, quotation)
    assert code == 0
    assert found[0]["score"] == 100
    assert found[0]["id"] == run("search", "marker7", "--format", "ids").stdout.strip()


def test_without_colour_the_table_still_marks_differences(run: Run, quoted: Path) -> None:
    """--format table with styles off (NO_COLOR, --color never, a pipe): the differences
    are marked [+…+] [-…-], not lost."""
    result = run(
        "--color", "never", "quote", "Kazakhstan has a considerable way to go", "-f", "table"
    )
    assert result.exit_code == 0
    assert "Kazakhstan [+still+] has a considerable way to go" in result.stdout
    assert "\x1b[" not in result.stdout


def test_the_passage_in_json_is_spaced_as_one_line(run: Run, quoted: Path) -> None:
    _, found = _matches(run, "Kazakhstan still has a very considerable way to go")
    assert found[0]["passage"] == "Kazakhstan still has a considerable way to go"


@pytest.mark.parametrize(
    "quotation",
    [
        "cooperation with observers was uneven",  # the hyphenated word first
        "opened late, and cooperation",  # and last
        "late and co operation with",
    ],
)
def test_a_hyphenated_word_matches_at_either_end_of_a_quotation(
    run: Run, quoted: Path, quotation: str
) -> None:
    code, found = _matches(run, quotation)
    assert code == 0 and found[0]["score"] == 100, found[0]
    assert found[0]["id"] == _kazakh_id(run)


def test_a_quotation_of_common_words_is_found_in_a_long_text(run: Run, tmp_path: Path) -> None:
    """Every word of the quotation is in many statements, and short ones full of them
    rank above the long text that has the sentence: its word pairs still find it."""
    folder = tmp_path / "common"
    folder.mkdir()
    for i in range(30):
        short = f"We can not say it. History, history and escape: we escape history {i}. Not we."
        (folder / f"short{i:02d}.txt").write_text(f"---\ntitle: Short {i}\n---\n{short}\n", "utf-8")
    filler = "\n\n".join(
        f"Paragraph {i} of the annual message, on matters of state." for i in range(60)
    )
    long_text = f"{filler}\n\nFellow-citizens, we can not escape history. We will be remembered.\n\n{filler}"
    (folder / "long.txt").write_text(f"---\ntitle: The long one\n---\n{long_text}\n", "utf-8")
    assert run("ingest", str(folder)).exit_code == 0
    code, found = _matches(run, "Fellow-citizens, we can not escape history")
    assert code == 0 and found[0]["score"] == 100 and found[0]["title"] == "The long one", found[:2]


def test_plain_is_plain_on_a_terminal_too(run: Run, quoted: Path) -> None:
    result = run(
        "--color", "always", "quote", "Kazakhstan has a considerable way to go", "-f", "plain"
    )
    assert "Kazakhstan [+still+] has a considerable way to go" in result.stdout
    assert "\x1b[" not in result.stdout


def test_a_letter_that_lowers_to_two_does_not_shift_the_passage(run: Run, tmp_path: Path) -> None:
    """ "İ" lower-cases to two characters: the passage is still cut from the paragraph
    where the quotation stands, to its last letter."""
    filler = " ".join(
        f"Delegates of İzmir, İstanbul, İnebolu and İskenderun met on day {i}." for i in range(30)
    )
    body = f"{filler} The fishermen of the Bosphorus deserve a fair quota"
    (tmp_path / "long.txt").write_text(f"---\ntitle: Quotas\n---\n{body}\n", "utf-8")
    assert run("ingest", str(tmp_path / "long.txt")).exit_code == 0
    code, found = _matches(run, "the fishermen of the Bosphorus deserve a fair quota")
    assert code == 0 and found[0]["score"] == 100, found
    assert found[0]["passage"] == "The fishermen of the Bosphorus deserve a fair quota"


@given(st.lists(st.sampled_from(["a", "b c", " ", "\n", "\n\n", " \n \n", "\t", "İ"]), max_size=12))
def test_paragraph_spans_are_the_paragraphs_show_numbers_counts(pieces: list[str]) -> None:
    body = "".join(pieces)
    split = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    paragraphs = passages.Paragraphs(body)
    spans = [paragraphs.span(i) for i in range(len(paragraphs))]
    assert [body[start:end] for start, end in spans] == split
    # Every letter is in the paragraph whose span holds it (a word found in the whole
    # body is put in its paragraph by where it stands).
    for at, char in enumerate(body):
        if not char.isspace():
            holding = [i for i, (start, end) in enumerate(spans) if start <= at < end]
            assert [paragraphs.index_at(at)] == holding


def test_the_text_holding_the_words_together_is_found_among_many_holding_them_apart(
    run: Run, tmp_path: Path
) -> None:
    """Every word of the quotation is in 40 other statements too, one here, one there,
    and a changed word ("meanwhile") is rarer than the others and not in the source: the
    source, a long text, holds the others side by side."""
    folder = tmp_path / "apart"
    folder.mkdir()
    sentence = "The fishermen of the northern coast deserve a fair quota before the winter"
    words = sentence.lower().split()
    for i in range(40):
        filler = [f"Item {i} {n} of the agenda was read aloud." for n in range(len(words))]
        scattered = " ".join(
            f"{line} {word.capitalize()}." for line, word in zip(filler, words, strict=True)
        )
        extra = " Meanwhile, the session went on." if i < 30 else ""
        (folder / f"apart{i:02d}.txt").write_text(
            f"---\ntitle: Apart {i}\n---\n{scattered}{extra}\n", "utf-8"
        )
    filler = "\n\n".join(f"Paragraph {n} of the long address, on other matters." for n in range(80))
    (folder / "source.txt").write_text(
        f"---\ntitle: The source\n---\n{filler}\n\n{sentence}.\n\n{filler}\n", "utf-8"
    )
    assert run("ingest", str(folder)).exit_code == 0
    quotation = sentence.replace("fair", "meanwhile")
    code, found = _matches(run, quotation)
    assert code == 0 and found[0]["title"] == "The source" and found[0]["score"] >= 90, found[:2]


def test_a_word_pair_counts_whatever_stands_between_its_words(run: Run, tmp_path: Path) -> None:
    """The quotation's rarest word stands in a bracketed correction ("[Ruritanian]*
    people"); paragraphs holding "Ruritanian people" as written do not crowd out the
    one the quotation comes from."""
    folder = tmp_path / "pairs"
    folder.mkdir()
    decoys = "\n\n".join(f"The Ruritanian people will remember day {n}." for n in range(4))
    source = (
        "He met the Rurtanian [Ruritanian]* people. He'll never extinguish their love of liberty."
    )
    (folder / "source.txt").write_text(
        f"---\ntitle: The source\n---\n{decoys}\n\n{source}\n", "utf-8"
    )
    for n in range(3):  # the other words are in other statements: "ruritanian" is rarest
        (folder / f"other{n}.txt").write_text(
            f"---\ntitle: Other {n}\n---\nHe'll never extinguish their love of liberty {n}.\n",
            "utf-8",
        )
    assert run("ingest", str(folder)).exit_code == 0
    code, found = _matches(
        run, "[Ruritanian]* people. He'll never extinguish their love of liberty"
    )
    assert code == 0 and found[0]["title"] == "The source", found[:2]
    assert found[0]["score"] == 100 and found[0]["paragraph"] == 5


def test_a_long_paragraph_is_aligned_where_its_words_stand_closest(
    run: Run, tmp_path: Path
) -> None:
    """In a long paragraph the rarest word ("tariff") stands twice within reach of the
    next rarest ("assume"); the stretch aligned is the one around the closer pair, which
    the quotation comes from."""
    folder = tmp_path / "closest"
    folder.mkdir()
    paragraph = (
        "It is not my purpose to renew the argument for a protective tariff. The result "
        "of the election must be accepted as having introduced a new policy. We must "
        "assume that the present tariff, constructed upon the lines of protection, is to "
        "be repealed. " + " ".join(f"Clause {n} of the bill was then read." for n in range(30))
    )
    (folder / "source.txt").write_text(f"---\ntitle: The source\n---\n{paragraph}\n", "utf-8")
    # Every other word of the quotation is in more than 50 statements: too common to
    # look for, so "tariff" and "assume" (and "meanwhile") are the words to go by.
    common = "a new policy we must the present constructed upon that"
    for n in range(52):
        extra = " meanwhile assume" if n < 2 else ""
        (folder / f"other{n}.txt").write_text(
            f"---\ntitle: Other {n}\n---\n{common}{extra}\n", "utf-8"
        )
    assert run("ingest", str(folder)).exit_code == 0
    quotation = "a new policy. We must assume meanwhile the present tariff, constructed upon"
    code, found = _matches(run, quotation)
    assert code == 0 and found[0]["title"] == "The source" and found[0]["score"] == 92, found[:1]


def test_when_nothing_is_close_enough_the_source_is_looked_for_further_down(
    run: Run, tmp_path: Path
) -> None:
    """130 short statements hold every word of the quotation, apart, and rank above the
    long one holding them together: more than the first look takes in. With no passage
    close enough, a wider look finds it."""
    folder = tmp_path / "further"
    folder.mkdir()
    sentence = "Quinoa growers of the Altiplano were promised tractors and irrigation"
    for i in range(130):
        body = " ".join(f"Point {n}: {word}." for n, word in enumerate(sentence.split()))
        (folder / f"short{i:03d}.txt").write_text(f"---\ntitle: Short {i}\n---\n{body}\n", "utf-8")
    filler = "\n\n".join(f"Paragraph {n} of the long report, on other matters." for n in range(60))
    (folder / "source.txt").write_text(
        f"---\ntitle: The source\n---\n{filler}\n\n{sentence}.\n\n{filler}\n", "utf-8"
    )
    assert run("ingest", str(folder)).exit_code == 0
    code, found = _matches(run, sentence)
    assert code == 0 and found[0]["title"] == "The source" and found[0]["score"] == 100, found[:1]


def test_the_last_look_is_for_the_quotations_word_pairs(
    archive_dir: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With both looks at the statements holding most rare words cut to 15 statements
    (all short, holding the words apart), the source is found by the phrase "promised
    tractors", and only by it."""
    folder = tmp_path / "pairs-last"
    folder.mkdir()
    sentence = "Quinoa growers of the Altiplano were promised tractors and irrigation"
    seldom = {"altiplano", "were", "promised", "tractors"}  # in 101 of 131 statements
    for i in range(130):
        words = [w for w in sentence.split() if i < 100 or w.lower() not in seldom]
        body = " ".join(f"Point {n}: {word}." for n, word in enumerate(words))
        (folder / f"short{i:03d}.txt").write_text(f"---\ntitle: Short {i}\n---\n{body}\n", "utf-8")
    filler = "\n\n".join(f"Paragraph {n} of the long report, on other matters." for n in range(60))
    (folder / "source.txt").write_text(
        f"---\ntitle: The source\n---\n{filler}\n\n{sentence}.\n\n{filler}\n", "utf-8"
    )
    assert run("ingest", str(folder)).exit_code == 0
    monkeypatch.setattr(quoting, "POOL", 1)
    monkeypatch.setattr(quoting, "WIDER", 1)
    misquoted = sentence.replace("irrigation", "wells")  # not word for word: no phrase finds it
    found = Archive.open(archive_dir).quote(misquoted)
    assert found and found[0].statement.title == "The source" and found[0].score == 95
    monkeypatch.setattr(quoting, "PAIRS", 0)
    found = Archive.open(archive_dir).quote(misquoted)
    assert not found or found[0].statement.title != "The source"


def test_a_year_written_out_finds_the_year_in_digits(run: Run, tmp_path: Path) -> None:
    """The quotation writes the year out; the statement has it in digits, and every other
    word of the quotation is in many statements."""
    folder = tmp_path / "years"
    folder.mkdir()
    for i in range(60):
        (folder / f"other{i:02d}.txt").write_text(
            f"---\ntitle: Other {i}\n---\nThe revenue of the present year {1900 + i} would "
            "not equal that of the last, we foresaw.\n",
            "utf-8",
        )
    (folder / "source.txt").write_text(
        "---\ntitle: The source\n---\nIt was foreseen that the revenue of the present year "
        "1827 would not equal that of the year before.\n",
        "utf-8",
    )
    assert run("ingest", str(folder)).exit_code == 0
    quotation = (
        "the revenue of the present year one thousand eight hundred twenty-seven would not equal"
    )
    code, found = _matches(run, quotation)
    assert code == 0 and found[0]["title"] == "The source" and found[0]["score"] == 100, found[:2]


def test_of_paragraphs_alike_the_one_holding_the_quotation_s_other_words_is_aligned(
    run: Run, tmp_path: Path
) -> None:
    """Six paragraphs hold the same rare words in the same order and differ in two
    common ones; more than two of a statement tie, and the one the quotation's other
    words stand in is among those aligned."""
    days = "monday tuesday wednesday thursday friday saturday".split()
    fields = "agriculture commerce navigation finance education labor".split()
    paragraphs = [
        f"The committee on {field} reviewed the zircon ledger, the quokka tally and the "
        f"obsidian register before the marmalade pumice hearing on {day} of that year."
        for field, day in zip(fields, days, strict=True)
    ]
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "hearings.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    for n in range(3):  # the quotation's other words are common
        (folder / f"other-{n}.txt").write_text(
            f"The committee on education reviewed the ledger, the tally and the register "
            f"before the hearing on friday of that year, number {n}.\n",
            "utf-8",
        )
    assert run("ingest", str(folder)).exit_code == 0
    status, found = _matches(
        run,
        "committee on education reviewed the zircon ledger, the quokka tally and the "
        "obsidian register before the marmalade pumice hearing on friday",
    )
    assert status == 0 and found[0]["score"] == 100
    shown = run("show", str(found[0]["id"]), "--numbers").stdout
    assert f"¶{found[0]['paragraph']} The committee on education" in shown


def test_a_quotation_across_a_paragraph_break_names_both_paragraphs(
    run: Run, quoted: Path
) -> None:
    quotation = "media freedom and the conduct of elections. Some twenty-five per cent of polling"
    code, found = _matches(run, quotation)
    assert code == 0
    best = found[0]
    assert (best["score"], best["paragraph"], best["last_paragraph"]) == (100, 3, 4)
    assert best["passage"] == (
        "media freedom and the conduct of elections. ¶ Some twenty-five per cent of polling"
    )
    plain = run("quote", quotation, "--format", "plain").stdout
    assert plain.splitlines()[0].endswith("\t¶3–4"), plain


def test_words_around_a_quotation_are_left_out_of_its_score_and_said(
    run: Run, quoted: Path
) -> None:
    """Five words before, four after: the twelve quoted score 100, covering 57%."""
    quotation = (
        "As the ambassador told us, Kazakhstan still has a considerable way to go in meeting "
        "its commitments, as she put it"
    )
    code, found = _matches(run, quotation)
    assert code == 0
    assert (found[0]["score"], found[0]["covers"]) == (100, 57)
    assert found[0]["marked"] == (
        "[-As the ambassador told us-] Kazakhstan still has a considerable way to go in "
        "meeting its commitments [-as she put it-]"
    )
    assert "covers 57%" in run("quote", quotation, "--format", "plain").stdout.splitlines()[0]


def test_a_changed_first_word_still_counts_against_the_score(run: Run, quoted: Path) -> None:
    """One word the passage lacks at an end is a misquotation, not the quoter's words."""
    _, found = _matches(run, "Uzbekistan still has a considerable way to go")
    assert (found[0]["score"], found[0]["covers"]) == (93, 100)
