"""How often `statement` tells a statement's language right: the 105 real statements of
../shared/statements (labelled here by hand: the language of the body), whole and cut
to their first 50 and 20 words, and invented sentences in other languages.

    python benchmarks/lang_accuracy.py [../shared/statements] [--py3langid]

With --py3langid (pip install py3langid), that library's answers beside ours, and the
time each takes per text.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from statement_cli.text.languages import detect

# The language of each real statement's body, where it is not English (file numbers).
NOT_ENGLISH = {"072": "fr", "073": "fr", "078": "de", "084": "de", "087": "fr", "089": "ru"}
# Invented texts of a sentence or two (none from the statements).
SHORT = {
    "fr": "Nous saluons le rapport de la mission et la remercions pour son travail.",
    "de": "Wir begrüßen den Bericht der Mission und danken ihr für die gründliche Arbeit.",
    "es": "Acogemos con satisfacción el informe de la misión y le agradecemos su trabajo.",
    "it": "Accogliamo con favore la relazione della missione e la ringraziamo per il lavoro.",
    "pt": "Saudamos o relatório da missão e agradecemos o seu trabalho minucioso.",
    "nl": "Wij verwelkomen het verslag van de missie en danken haar voor het werk.",
    "ru": "Мы приветствуем доклад миссии и благодарим её за тщательную работу.",
    "uk": "Ми вітаємо доповідь місії та дякуємо їй за ретельну роботу.",
    "en": "We welcome the report of the mission and thank it for its thorough work.",
}


def score(detector: Callable[[str], str], folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    texts = [(folder / e["file"]).read_text("utf-8") for e in expected]
    labels = [NOT_ENGLISH.get(Path(e["file"]).name[:3], "en") for e in expected]
    for name, cut in (("whole", None), ("first 50 words", 50), ("first 20 words", 20)):
        sample = [t if cut is None else " ".join(t.split()[:cut]) for t in texts]
        started = time.process_time()
        found = [detector(t) for t in sample]
        spent = (time.process_time() - started) / len(sample) * 1e3
        right = sum(f == label for f, label in zip(found, labels, strict=True))
        unknown = sum(f == "" for f in found)
        print(f"  {name}: {right} / {len(labels)} right, {unknown} not told, {spent:.2f} ms a text")
        for f, label, e in zip(found, labels, expected, strict=True):
            if f != label and cut is None:
                print(f"    {e['file']}: {f or '(not told)'}, is {label}")
    short = sum(detector(text) == code for code, text in SHORT.items())
    print(f"  one invented sentence each: {short} / {len(SHORT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("../shared/statements"))
    parser.add_argument("--py3langid", action="store_true", help="compare with py3langid")
    args = parser.parse_args()
    print("statement's detector:")
    score(detect, args.folder)
    if args.py3langid:
        import py3langid  # type: ignore[import-not-found]

        print("py3langid:")
        score(lambda text: py3langid.classify(text)[0], args.folder)


if __name__ == "__main__":
    main()
