"""The language a statement is written in: given, or told from its words (pure).

A statement is long enough for its function words to say its language: "the", "of" and
"and" make up about a fifth of an English text, "de", "la" and "et" of a French one,
and no two languages share many of their most frequent forty. So the words of the
first few thousand characters are counted against a short list of each language's
most frequent words, and the language whose list holds the largest share wins, when
it holds enough of them and clearly more than the next. Scripts of their own (Arabic,
Chinese, Greek, …) are told by their letters; Ukrainian from Russian by the letters
only it has. Detection costs about a millisecond a text, needs no model file, and is
only ever run at ingest.

Codes are ISO 639-1 ("en", "fr"); "" is a text too short or too mixed to tell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE = 4000  # characters of the body looked at
MIN_HITS = 4  # function words needed to say a language
MIN_SHARE = 0.12  # of the words looked at, the share the winner's list must hold
MARGIN = 1.4  # and this many times the next language's share

# Each language's most frequent words (function words), folded as the index folds them
# (lower case, accents kept: the lists are matched before folding).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in a is that for it as was with be by on not he this are or "
        "his from at which but have an they we has been were their its our will would "
        "all there who more these",
        "fr": "de la le et les des en du un une est que qui dans pour pas au sur par ne "
        "se plus avec ce sont aux il nous cette ont été ses leur ou mais comme elle "
        "notre nos sa son",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein "
        "eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind "
        "noch wie einem über so zum wir unsere",
        "es": "de la que el en y los del se las por un para con no una su al lo como más "
        "pero sus le ya o este sí porque esta entre cuando muy sin sobre también me "
        "hasta hay donde nuestra nuestro",
        "it": "di e il la che in a per un del non è una le si con dei da della al sono "
        "gli lo nel come alla anche delle più ha ma questo ci nella degli nostra nostro "
        "sua suo tra",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos "
        "como mas ao ele das à seu sua ou quando muito nos já também só pelo pela "
        "nossa nosso são",
        "nl": "de en van het een in is dat op te zijn voor met niet die aan er ook als "
        "om door maar bij wordt nog dan worden of uit wij onze deze tot naar over "
        "hebben",
        "ru": "и в не на что с по к как из за от о для это мы а также его их она они "
        "но у же был было все при только так или бы уже этом того этого которые "
        "наши нашей",
        "sv": "och i att det som en på är av för med till den har de inte om ett han "
        "men var sig så vi från eller alla när vår våra",
        "da": "og i at det en til er som på de med han af for ikke der var sig et har "
        "men om vi fra eller alle når vores",
        "pl": "i w nie na się z do że to jest jak o po a od przez dla są oraz jego ich "
        "także już tym może był było które nasze",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en olan kadar ama sonra "
        "her şey değil ancak ise olduğu",
    }.items()
}
# Of a Cyrillic text, letters Ukrainian has and Russian does not.
_UKRAINIAN = frozenset("іїєґ")
# Scripts told by their letters alone: a Unicode name's first word → the language.
_SCRIPTS = {
    "ARABIC": "ar",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "GREEK": "el",
    "HEBREW": "he",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def detect(text: str) -> str:
    """The language of `text` (a code), or "" when it cannot be told."""
    sample = text[:SAMPLE]
    script = _script(sample)
    if script:
        return script
    words = _WORD.findall(sample.lower())
    if not words:
        return ""
    if _is_cyrillic(words):
        letters = set("".join(words))
        return "uk" if letters & _UKRAINIAN else "ru"
    counts = Counter(words)
    shares = sorted(
        (sum(counts[w] for w in listed) / len(words), code)
        for code, listed in FUNCTION_WORDS.items()
    )[::-1]
    (best, code), (second, _) = shares[0], shares[1]
    hits = best * len(words)
    if hits >= MIN_HITS and best >= MIN_SHARE and best >= MARGIN * second:
        return code
    return ""


def _script(sample: str) -> str:
    """The language of a script of its own, when most letters of the text are in it."""
    if sample.isascii():
        return ""
    letters = _OTHER_LETTER.findall(sample)  # letters outside ASCII, found in C
    if len(letters) < 20:
        return ""
    names = Counter(unicodedata.name(c, "?").split(" ")[0] for c in letters[:500])
    name, count = names.most_common(1)[0]
    share = count / min(len(letters), 500)  # of the letters outside ASCII, in this script
    if name in _SCRIPTS and share * len(letters) * 2 > len(_LETTER.findall(sample)):
        return _SCRIPTS[name]
    return ""


def _is_cyrillic(words: list[str]) -> bool:
    cyrillic = sum(1 for w in words if "CYRILLIC" in unicodedata.name(w[0], ""))
    return cyrillic * 2 > len(words)


def given(value: str) -> str:
    """A language as a user gives it (`fr`, `FR`, `fr-CA`, `French`, `français`): its
    code, or "" when it is not one."""
    lowered = value.strip().lower()
    if lowered in NAMES:
        return NAMES[lowered]
    code = lowered.split("-")[0].split("_")[0]
    return code if _LANGUAGE.fullmatch(code) else ""


# Language names a user may write for a code, in English and in the language itself.
NAMES = {
    "english": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "german": "de",
    "deutsch": "de",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "português": "pt",
    "dutch": "nl",
    "nederlands": "nl",
    "russian": "ru",
    "русский": "ru",
    "ukrainian": "uk",
    "українська": "uk",
    "swedish": "sv",
    "danish": "da",
    "polish": "pl",
    "turkish": "tr",
    "arabic": "ar",
    "chinese": "zh",
}
