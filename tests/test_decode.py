"""Legacy encodings: Western texts read as Windows-1252, and genuine Central European and
Cyrillic code pages still recognised, at the lengths statements and their lines come in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statement_cli.text.decode import decode

# Invented sentences in the style of statements, long enough to cut at 1,000 characters.
TEXTS = {
    "french": (
        "Déclaration de la délégation à Genève : nous saluons l'élection tenue à Besançon "
        "et à Zürich, où les électeurs ont voté nombreux. La coopération régionale, la "
        "sécurité et l'économie restent nos priorités ; ça a été très réussi. "
    ),
    "german": (
        "Erklärung der Delegation in Zürich: Wir begrüßen die Wahlen in Österreich und die "
        "Größe der Beteiligung. Die Übergangsregierung müsste für Sicherheit sorgen, "
        "äußerst wichtig für alle Nachbarn. "
    ),
    "polish": (
        "Oświadczenie delegacji w Łodzi: wybory przebiegły spokojnie, a obserwatorzy "
        "zgłosili niewiele uchybień. Współpraca regionalna jest kluczowa dla bezpieczeństwa "
        "i rozwoju, zażółć gęślą jaźń. "
    ),
    "russian": (
        "Заявление делегации в Москве: мы приветствуем выборы и призываем к диалогу. "
        "Сотрудничество в области безопасности остаётся приоритетом для всех государств "
        "региона. "
    ),
}
ENCODINGS = {
    "french": ("latin-1", "cp1252"),
    "german": ("latin-1", "cp1252"),
    "polish": ("cp1250",),
    "russian": ("cp1251",),
}
CASES = [
    (language, encoding, length)
    for language, encodings in ENCODINGS.items()
    for encoding in encodings
    for length in (60, 200, 1000)
]


@pytest.mark.parametrize(("language", "encoding", "length"), CASES)
def test_legacy_texts_decode_right(language: str, encoding: str, length: int) -> None:
    text = (TEXTS[language] * 10)[:length]
    assert decode(text.encode(encoding)) == text


def test_a_short_latin1_line_is_not_taken_for_another_code_page() -> None:
    for word in ("Zürich", "Genève", "Señor Muñoz", "café crème", "Ålesund"):
        assert decode(word.encode("latin-1")) == word


def test_windows_1252_punctuation_survives() -> None:
    text = "“Quoted” – and a dash… the Minister’s €5 plan"
    assert decode(text.encode("cp1252")) == text


_WESTERN_WORD = st.builds(
    lambda head, accent, tail: head + accent + tail,
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    st.sampled_from("éèàùçüöäßñåøæíóú"),
    st.text("abcdefghijklmnopqrstuvwxyz", max_size=8),
)


@given(st.lists(st.one_of(_WESTERN_WORD, st.text("abcdefghij", min_size=1)), min_size=1))
def test_western_words_in_latin1_always_decode_as_written(words: list[str]) -> None:
    """Words as Western languages write them (an accented letter here and there) come
    back exactly, however few: no guess of another code page."""
    text = " ".join(words)
    assert decode(text.encode("latin-1")) == text
