"""Regenerate the README's screenshots from the real CLI.

    python docs/screenshots.py

Builds a temporary archive from the bundled statement and the test fixtures (their
sources recorded as corpus/<name>, so no path of the machine shows), runs each command
below as on a terminal (colour forced, 100 columns, the terminal's table and rich views
asked for explicitly, since output to a pipe is plain), and saves what it printed as an
SVG in docs/. The pictures therefore always show what the code does.
"""

from __future__ import annotations

import io
import json
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
    "search": ["search", "elections", "--limit", "3", "--format", "table"],
    "show": ["show", "{seed}", "--no-pager", "--format", "rich"],
    "list": ["list", "--format", "table"],
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
        staging = Path(work) / "first"
        run(staging, ["ingest", str(ROOT / "corpus"), str(ROOT / "tests" / "fixtures" / "layouts")])
        export = Path(work) / "neutral.jsonl"
        lines = run(staging, ["export", "--format", "jsonl"]).splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        for record in records:
            record["source"] = f"corpus/{Path(record['source']).name}"
        export.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        run(archive, ["ingest", str(export)])
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
