"""Regenerate the README's screenshots from the real CLI.

    python docs/screenshots.py

Builds a temporary archive from the bundled statement and the test fixtures, runs each
command below in a terminal-like setting (colour forced, 100 columns), and saves what it
printed as an SVG in docs/. The pictures therefore always show what the code does.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WIDTH = 100

SHOTS = {
    "search": ["search", "elections", "--limit", "3"],
    "show": ["show", "{seed}", "--no-pager"],
    "list": ["list"],
    "stats": ["stats"],
    "trend": ["trend", "thank", "--by", "year"],
}


def run(archive: Path, args: list[str]) -> str:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "LINES": "60"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "statement_cli", "--archive", str(archive), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    return result.stdout + result.stderr


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / "archive"
        run(archive, ["ingest", str(ROOT / "corpus"), str(ROOT / "tests" / "fixtures" / "layouts")])
        seed = run(archive, ["search", "Kazakhstan", "--format", "ids"]).split()[0]
        for name, args in SHOTS.items():
            args = [a.replace("{seed}", seed) for a in args]
            console = Console(record=True, width=WIDTH, force_terminal=True, file=io.StringIO())
            console.print(Text("$ statement " + " ".join(args), style="bold green"))
            console.print(Text.from_ansi(run(archive, args)))
            target = HERE / f"{name}.svg"
            console.save_svg(str(target), title=f"statement {args[0]}")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
