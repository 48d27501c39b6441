"""Terminal conventions: colour rules, progress, completion, configuration, README truth."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from statement_cli.cli import app

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

ANSI = re.compile(r"\x1b\[[0-9;]*m")
README = Path(__file__).parent.parent / "README.md"


def on_a_terminal(args: list[str], env: dict[str, str] | None = None, timeout: float = 60) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; what the terminal got."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "statement_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "100", "LINES": "500", **(env or {})},
        close_fds=True,
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], timeout)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


# ---- colour ---------------------------------------------------------------------------------


def test_piped_output_is_plain_and_stable(run, filled: Path) -> None:
    for args in (("search", "thank"), ("search", "thank", "-f", "table"), ("list",), ("stats",)):
        result = run(*args)
        assert not ANSI.search(result.stdout), args
        assert not ANSI.search(result.stderr), args
    assert run("search", "thank").stdout == run("search", "thank").stdout


def test_terminal_gets_colour_and_no_color_turns_it_off(archive_dir: Path, filled: Path) -> None:
    coloured = on_a_terminal(["--archive", str(archive_dir), "search", "Freedonia"])
    assert ANSI.search(coloured) and "Presidential Elections in Freedonia" in coloured
    plain = on_a_terminal(["--archive", str(archive_dir), "search", "Freedonia"], {"NO_COLOR": "1"})
    assert not ANSI.search(plain) and "Presidential Elections in Freedonia" in plain
    never = on_a_terminal(
        ["--archive", str(archive_dir), "--color", "never", "search", "Freedonia"]
    )
    assert not ANSI.search(never)


def test_force_color_and_color_always_style_piped_output(run, filled: Path) -> None:
    ident = json.loads(run("list", "--format", "json").stdout)["hits"][0]["id"]
    assert ANSI.search(run("--color", "always", "show", ident, "-f", "rich").stdout)
    runner_env = {"FORCE_COLOR": "1"}
    from typer.testing import CliRunner

    archive = filled.parent / "archive"
    forced = CliRunner(env=runner_env).invoke(
        app, ["--archive", str(archive), "show", ident, "-f", "rich"]
    )
    assert ANSI.search(forced.stdout)
    both = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).invoke(
        app, ["--archive", str(archive), "--color", "never", "show", ident, "-f", "rich"]
    )
    assert not ANSI.search(both.stdout)


def test_colour_asked_for_marks_matches_in_the_piped_plain_view(run, filled: Path) -> None:
    """As `rg --color always | less -R`: the plain lines, tabs kept, matches styled."""
    coloured = run("--color", "always", "search", "election", "--format", "plain").stdout
    assert "\x1b[1;30;43m" in coloured and "\t" in coloured.splitlines()[0]
    assert ANSI.sub("", coloured) == run("search", "election", "--format", "plain").stdout
    assert "\x1b" not in run("search", "election", "--format", "plain").stdout


def test_show_highlight_marks_matches_when_piped(run, filled: Path) -> None:
    ident = json.loads(run("search", "election", "--format", "json").stdout)["hits"][0]["id"]
    shown = run("show", ident, "--highlight", "elections", "--format", "text").stdout
    assert "**" in shown
    assert re.search(r"\*\*[Ee]lection\w*\*\*", shown)


# ---- progress -------------------------------------------------------------------------------


def _many(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        # Words of its own in each, so that no text is a version of another.
        words = " ".join(f"w{i}x{j}" for j in range(1400))
        (folder / f"{i:03d}.txt").write_text(f"Statement {i}\n\n{words}\n")
    return folder


def test_progress_is_hidden_when_not_a_terminal(run, tmp_path: Path) -> None:
    result = run("ingest", str(_many(tmp_path / "texts", 30)))
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [
        "30 added, 0 updated, 0 unchanged, 0 duplicate, 0 failed"
    ]


def test_progress_shows_on_a_terminal_and_quiet_hides_it(tmp_path: Path) -> None:
    texts = _many(tmp_path / "texts", 200)
    shown = on_a_terminal(["--archive", str(tmp_path / "a"), "ingest", str(texts)])
    assert "ingesting" in shown and "/200 files" in shown and "200 added" in shown
    quiet = on_a_terminal(["--archive", str(tmp_path / "b"), "ingest", str(texts), "--quiet"])
    assert "ingesting" not in quiet and "added" not in quiet


def test_verbose_lists_every_file(run, tmp_path: Path) -> None:
    result = run("ingest", str(_many(tmp_path / "texts", 3)), "--verbose")
    assert sum(1 for line in result.stderr.splitlines() if line.strip().startswith("added")) == 3


# ---- completion -----------------------------------------------------------------------------


def test_completion_scripts_are_generated(tmp_path: Path) -> None:
    # The shell is named, not detected: the suite runs from any shell, `sh` included.
    shown = subprocess.run(
        [sys.executable, "-m", "statement_cli", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=60,
    )
    assert shown.returncode == 0 and "_STATEMENT_COMPLETE" in shown.stdout
    # The script for each shell Typer supports (the CLI picks the user's own shell).
    from typer._completion_shared import get_completion_script

    for shell, marker in (
        ("bash", "complete -o default -F"),
        ("zsh", "compdef"),
        ("fish", "complete --command statement"),
    ):
        script = get_completion_script(
            prog_name="statement", complete_var="_STATEMENT_COMPLETE", shell=shell
        )
        assert marker in script, shell


@pytest.mark.parametrize("command", ["show", "related", "cite", "remove"])
def test_ids_complete_from_the_archive(run, filled: Path, archive_dir: Path, command: str) -> None:
    ids = [r["id"] for r in json.loads(run("list", "--format", "json").stdout)["hits"]]
    prefix = ids[0][:2]
    result = subprocess.run(
        [sys.executable, "-m", "statement_cli"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            **os.environ,
            "_STATEMENT_COMPLETE": "complete_bash",
            "COMP_WORDS": f"statement --archive {archive_dir} {command} {prefix}",
            "COMP_CWORD": "4",
        },
    )
    expected = sorted(i for i in ids if i.startswith(prefix))
    assert sorted(result.stdout.split()) == expected


# ---- configuration --------------------------------------------------------------------------


def test_config_precedence(filled: Path, archive_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    config = tmp_path / "config.toml"
    config.write_text(f'archive = "{archive_dir}"\nformat = "ids"\nsnippets = 0\n')
    base = {"STATEMENT_CONFIG": str(config)}
    from_file = CliRunner(env=base).invoke(app, ["search", "thank"])
    assert from_file.exit_code == 0 and all(
        re.fullmatch(r"[0-9a-f]{8}", line) for line in from_file.stdout.split()
    )
    from_env = CliRunner(env={**base, "STATEMENT_FORMAT": "jsonl"}).invoke(app, ["search", "thank"])
    assert all(json.loads(line)["snippets"] == [] for line in from_env.stdout.splitlines())
    from_option = CliRunner(env={**base, "STATEMENT_FORMAT": "jsonl"}).invoke(
        app, ["search", "thank", "-f", "csv", "--snippets", "1"]
    )
    assert from_option.stdout.startswith("id,title,")
    shown = CliRunner(env={**base, "STATEMENT_FORMAT": "jsonl"}).invoke(
        app, ["--color", "never", "config", "--format", "json"]
    )
    sources = {row["setting"]: row["source"] for row in json.loads(shown.stdout)["settings"]}
    assert sources["archive"].startswith("config file")
    assert sources["format"] == "environment (STATEMENT_FORMAT)"
    assert sources["color"] == "command line"
    assert sources["pager"] == "default"


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    config = tmp_path / "config.toml"
    for text, message in (
        ("format = 'pretty'", "format must be one of"),
        ("colour = 1", "unknown setting"),
        ("x = [", "not valid TOML"),
    ):
        config.write_text(text)
        result = CliRunner(env={"STATEMENT_CONFIG": str(config)}).invoke(app, ["list"])
        assert result.exit_code == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_broken_config_leaves_help_version_and_config_working(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    config = tmp_path / "config.toml"
    config.write_text("archive = [broken")
    runner = CliRunner(env={"STATEMENT_CONFIG": str(config)})
    for args in (["--help"], ["search", "--help"], ["--version"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
    shown = runner.invoke(app, ["config"])
    assert shown.exit_code == 2
    assert "not valid TOML" in shown.stderr and str(config) in shown.stderr
    assert f"config file: {config} (unreadable" in shown.stdout and "color" in shown.stdout


# ---- the README tells the truth -------------------------------------------------------------


def _readme_commands() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text("utf-8"), re.DOTALL)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith("statement "):
                commands.append(line.split())
    return commands


def test_every_command_and_option_in_the_readme_exists() -> None:
    import typer

    group = typer.main.get_command(app)
    global_options = {o for p in group.params for o in p.opts}  # type: ignore[attr-defined]
    commands = _readme_commands()
    assert len(commands) > 20
    for words in commands:
        rest = words[1:]
        while rest and rest[0].startswith("-"):
            assert rest[0] in global_options, words
            rest = rest[2:] if rest[0] in ("--archive", "--color") else rest[1:]
        name = rest[0]
        assert name in group.commands, words  # type: ignore[attr-defined]
        params = {o: p for p in group.commands[name].params for o in (*p.opts, *p.secondary_opts)}  # type: ignore[attr-defined]
        words_left = iter(rest[1:])
        for word in words_left:
            if word.startswith("-") and word != "-":
                if name == "tag" and not word.startswith("--"):
                    continue  # `-draft`: a tag to remove, not an option
                option = word.split("=")[0]
                assert option in params, (words, word)
                if not params[option].is_flag and "=" not in word:
                    next(words_left, None)  # the option's value


def _fake_less(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose `less` records the options it was started with (in the file
    returned) on a 5-line screen."""
    record = tmp_path / "less-options"
    fake = tmp_path / "bin" / "less"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\n[ -t 0 ] && exit 0\necho "LESS=$LESS" > "$RECORD"\ncat > /dev/null\n'
    )
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("PAGER", "MANPAGER", "LESS")}
    env.update(
        {
            "PATH": f"{fake.parent}:{env['PATH']}",
            "RECORD": str(record),
            "LINES": "5",
            "COLUMNS": "80",
            "TERM": "xterm",
        }
    )
    return env, record


def _on_a_pty(args: list[str], env: dict[str, str]) -> None:
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "statement_cli", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    try:
        process.wait(timeout=60)
    finally:
        os.close(main)


@pytest.mark.parametrize("command", [["stats"], ["trend", "thank", "--by", "month"]])
def test_tall_reports_are_paged_too(
    filled: Path, archive_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    env, record = _fake_less(tmp_path)
    _on_a_pty(["--archive", str(archive_dir), *command], env)
    assert record.read_text().strip() == "LESS=FRX"  # taller than the screen: paged


def test_the_pager_is_less_with_colours_unless_the_user_chose(
    filled: Path, archive_dir: Path, tmp_path: Path
) -> None:
    """A fake `less` records the options it was started with; the statement is longer
    than the 5-line screen, so it is paged."""
    env, record = _fake_less(tmp_path)
    ident = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "statement_cli",
                "--archive",
                str(archive_dir),
                "list",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        ).stdout
    )["hits"][0]["id"]
    for extra, expected in (({}, "LESS=FRX"), ({"LESS": "-S"}, "LESS=-S")):
        record.unlink(missing_ok=True)
        _on_a_pty(["--archive", str(archive_dir), "show", ident], {**env, **extra})
        assert record.read_text().strip() == expected


def test_the_progress_bar_says_when_a_write_is_committing(tmp_path: Path) -> None:
    """On a terminal the commit has its own line (the bar sat at 250/250 before)."""
    texts = _many(tmp_path / "texts", 30)
    archive = tmp_path / "archive"
    shown = on_a_terminal(["--archive", str(archive), "ingest", str(texts)])
    # A spinner with the time it has taken, not a bar standing at 30/30.
    assert re.search(r"committing: writing the index, 30 files\s+0:00:\d\d", ANSI.sub("", shown))
    again = on_a_terminal(["--archive", str(archive), "reindex"])
    assert "committing: writing the index" in again


def test_a_large_jsonl_export_gets_a_progress_bar(tmp_path: Path) -> None:
    """One file, but thousands of statements: the bar shows (it stayed hidden for a
    handful of files, whatever their size)."""
    export = tmp_path / "big.jsonl"
    with export.open("w") as handle:
        for i in range(900):
            handle.write(json.dumps({"body": f"Statement {i}. " + "word " * 1400}) + "\n")
    assert export.stat().st_size > 5 * 1024 * 1024
    shown = on_a_terminal(["--archive", str(tmp_path / "archive"), "ingest", str(export)])
    assert "ingesting" in shown and "900 added" in shown


def test_the_terminal_table_is_a_line_per_hit_and_a_line_that_shows_the_match(
    filled: Path, archive_dir: Path
) -> None:
    args = ["--archive", str(archive_dir), "search", "thank", "--limit", "3"]
    lines = [line for line in ANSI.sub("", on_a_terminal(args)).splitlines() if line.strip()]
    summary = next(i for i, line in enumerate(lines) if re.match(r"\d+ statements", line))
    body = lines[1:summary]
    assert len(body) == 3 * 2  # a title line and one fragment line per hit
    for fragment in body[1::2]:
        assert "thank" in fragment.lower()  # the match shows, not cut off past the edge


def test_show_numbers_on_a_terminal_counts_paragraphs_as_quote_does(
    run, archive_dir: Path, tmp_path: Path
) -> None:
    """A line left blank but for a space once its controls are taken out (a right-to-left
    embedding around a space) is a break, as `quote` and the plain view count them; the
    terminal view took it for a line of the paragraph before."""
    (tmp_path / "spaced.txt").write_text(
        "---\ntitle: Spaced\n---\nThe cobalt harbour tariffs of the north.\n\u202b \u202c\n"
        "The lantern festival by the saffron market.\n",
        "utf-8",
    )
    assert run("ingest", str(tmp_path / "spaced.txt")).exit_code == 0
    quoted = json.loads(
        run("quote", "the lantern festival by the saffron market", "-f", "json").stdout
    )
    (match,) = quoted["matches"]
    shown = ANSI.sub(
        "",
        on_a_terminal(
            ["--archive", str(archive_dir), "show", match["id"], "--numbers", "--no-pager"]
        ),
    )
    assert f"¶{match['paragraph']} The lantern festival" in shown
    assert "¶1 The cobalt harbour" in shown
