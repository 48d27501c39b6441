"""The map in docs/ARCHITECTURE.md stays true: every module it names exists, imports go
in the direction it says, and a bug is never retried or blamed on the archive."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from statement_cli.archive import Archive

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "statement_cli"
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"

COMMAND = {"render", "report_views", "output", "progress", "config", "entry", "__main__"}
PURE = ("text.", "query", "model", "errors")


def _modules() -> dict[str, Path]:
    """Dotted names under statement_cli (without the prefix) → file."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__") or "__init__"
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_module_the_architecture_names_exists() -> None:
    named = set(re.findall(r"statement_cli/[\w/]+\.py", ARCHITECTURE.read_text("utf-8")))
    assert len(named) > 30
    missing = sorted(n for n in named if not (ROOT / n).is_file())
    assert not missing


def test_every_module_is_on_the_map() -> None:
    text = ARCHITECTURE.read_text("utf-8")
    unmapped = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
        and str(path.relative_to(ROOT)) not in text
    ]
    assert not unmapped


@pytest.mark.parametrize("name", sorted(_modules()))
def test_imports_go_one_way(name: str) -> None:
    imports = _imports(_modules()[name])
    ours = {i.removeprefix("statement_cli.") for i in imports if i.startswith("statement_cli.")}
    if not name.startswith("index"):
        assert not any(i == "whoosh" or i.startswith("whoosh.") for i in imports)
    if name not in COMMAND and not name.startswith("cli"):
        assert not ours & {"cli", "render", "report_views", "progress"}
        assert not any(i.split(".")[0] in ("rich", "typer") for i in imports)
    if name.startswith(PURE) or name in ("query", "model", "errors"):
        assert not any(i.startswith(("archive", "index")) for i in ours)
    if name.startswith("index"):
        assert not any(i.startswith("archive") for i in ours)


def _module_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules `name` imports: at the top, inside functions and for type
    checking alike (`from statement_cli.index import view` is the module `view`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.update({full} if full in known else {base} & known)
    return found - {name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in graph[module]:
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_no_module_imports_itself_back_even_inside_a_function() -> None:
    modules = {
        "statement_cli" + ("" if name == "__init__" else "." + name): path
        for name, path in _modules().items()
    }
    known = set(modules)
    graph = {name: _module_imports(name, path, known) for name, path in modules.items()}
    assert sum(map(len, graph.values())) > 200  # the imports were read
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_bug_in_a_read_is_raised_once_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive.create(tmp_path / "archive")
    calls = []

    def broken(*_args: object, **_kwargs: object) -> int:
        calls.append(1)
        raise TypeError("a plain bug")

    monkeypatch.setattr("statement_cli.archive.reading.parse_query", broken)
    with pytest.raises(TypeError, match="a plain bug"):
        archive.search("anything")
    assert calls == [1]


@pytest.mark.parametrize(
    ("command", "option", "choices"),
    [
        (["stats"], "--format", "text, json"),
        (["trend", "x"], "--format", "table, csv, json"),
        (["trend", "x"], "--by", "year, month"),
        (["kwic", "x"], "--format", "text, json"),
        (["check"], "--format", "text, json"),
        (["config"], "--format", "text, json"),
        (["export"], "--format", "jsonl, json, csv, text"),
        (["cite", "abcd"], "--style", "plain, chicago, bibtex"),
        (["search", "x"], "--format", "table, plain, json, jsonl, csv, ids"),
    ],
)
def test_every_choice_option_is_validated(
    run, command: list[str], option: str, choices: str
) -> None:  # type: ignore[no-untyped-def]
    """One kind of switch everywhere: an unknown value is a usage error naming the choices."""
    result = run(*command, option, "xml")
    assert result.exit_code == 2
    assert all(choice in result.output for choice in choices.split(", ")), result.output


def test_filters_are_defined_once_and_reach_every_command_that_filters(run) -> None:  # type: ignore[no-untyped-def]
    from statement_cli.cli.options import FILTER_OPTIONS

    for command in ("search", "count", "list", "trend", "kwic"):
        shown = run(command, "--help", archive=None).output
        for name in FILTER_OPTIONS:
            assert f"--{name}" in shown, (command, name)


def test_every_package_is_installed() -> None:
    """A non-editable install ships only the packages pyproject lists."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    folders = {
        ".".join(path.parent.relative_to(ROOT).parts) for path in PACKAGE.rglob("__init__.py")
    }
    assert folders <= listed, folders - listed


@pytest.mark.parametrize("command", ["", "search", "show", "export", "kwic"])
def test_help_keeps_its_bracketed_text(run, command: str) -> None:  # type: ignore[no-untyped-def]
    """Rich markup must not swallow "[default: …]" (it read "Archive folder ." before)."""
    args = [command, "--help"] if command else ["--help"]
    shown = " ".join(run(*args, archive=None).output.split())
    assert "[default:" in shown
    assert not re.search(r"\s\.(\s|$)", shown)  # a period left alone by a swallowed bracket


@pytest.mark.parametrize(
    ("args", "env", "hint"),
    [
        (["search", "x", "--limit", "0"], {}, "try 'statement search --help'"),
        (["serch", "x"], {}, "try 'statement --help'"),
        (["list"], {"STATEMENT_FORMAT": "xml"}, "try 'statement list --help'"),
        (["kwic"], {}, "try 'statement kwic --help'"),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(
    run, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], hint: str
) -> None:  # type: ignore[no-untyped-def]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("statement: error: ") and lines[1] == hint
    assert "╭" not in result.stderr
