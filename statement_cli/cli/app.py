"""The `statement` application: the Typer app, its global options, the state commands
share (archive, colour, the two consoles), and the one place where the core's typed
errors become one line on stderr and an exit code (`_Group.invoke`). Whoosh and Rich
load only in the commands that need them, so `--help` and `--version` start fast.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from statement_cli import __version__
from statement_cli.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_NOTHING, EXIT_OK
from statement_cli.formats import Color
from statement_cli.text.inert import inert, inert_message

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from statement_cli.archive import Archive
    from statement_cli.progress import Progress


def _base_of(error: type[Exception], name: str) -> type[Exception]:
    """A base class of one of Typer's public errors, named as Click names it: Typer 0.28
    carries its own copy of Click and older releases use Click itself, so the classes are
    found where they are, through public names only."""
    return next(c for c in error.__mro__ if c.__name__ == name)


_USAGE_ERROR = _base_of(typer.BadParameter, "UsageError")
_CLICK_ERROR = _base_of(typer.BadParameter, "ClickException")


class _Group(TyperGroup):
    """Reads the config file into Click's defaults, and turns the core's typed errors and
    Click's usage errors into one line on stderr (and a hint) with exit status 2."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(_Group, self).main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )

        if not standalone_mode:
            return run()
        try:
            result = run()
        except _USAGE_ERROR as error:
            context = getattr(error, "ctx", None)
            command = context.command_path if context else "statement"
            message = error.format_message()  # type: ignore[attr-defined]
            sys.stderr.write(f"statement: error: {inert(message)}\ntry '{command} --help'\n")
            sys.exit(EXIT_ERROR)
        except _CLICK_ERROR as error:
            message = error.format_message()  # type: ignore[attr-defined]
            sys.stderr.write(f"statement: error: {inert(message)}\n")
            sys.exit(error.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            sys.stderr.write("statement: aborted\n")
            sys.exit(EXIT_NOTHING)
        sys.exit(result if isinstance(result, int) else EXIT_OK)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Global options may come after the command too (`statement search x --archive
        A`), as in git: they are moved in front of it before Click reads them."""
        return super().parse_args(ctx, hoist_global_options(args))

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def]
        from statement_cli import config

        if "default_map" not in extra:
            try:
                extra["default_map"] = config.default_map(config.load())
            except config.ConfigError as error:
                if not _works_without_config(args):
                    sys.stderr.write(f"statement: error: {error}\n")
                    raise typer.Exit(EXIT_ERROR) from None
                extra["default_map"] = {}  # --help, --version and `config` still answer
        return super().make_context(info_name, args, parent=parent, **extra)

    # typer.Context narrows Click's Context (vendored or not, by typer version): hence
    # the ignore.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from statement_cli.errors import StatementError

        try:
            return super().invoke(ctx)
        except StatementError as error:
            from statement_cli.cli.remedies import error_line

            state_of(ctx).say(f"statement: error: {error_line(error)}")
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt as interrupt:
            state_of(ctx).say(_interrupted_message(interrupt))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # the reader went away (`statement list | head`): stop quietly
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (so the exit flush cannot fail)
            raise typer.Exit(EXIT_OK) from None
        except OSError as error:  # the disk said no (full, read-only, gone) mid-command
            where = f": {error.filename}" if error.filename else ""
            reason = (error.strerror or str(error)).lower()
            state_of(ctx).say(
                f"statement: error: {reason}{where}; nothing already archived was changed"
            )
            raise typer.Exit(EXIT_ERROR) from None
        except Exception as error:  # Click's own usage errors: printed by Click as usual
            _hint_at_negated_words(error)
            raise


def _hint_at_negated_words(error: Exception) -> None:
    """An unknown short option (`-w` of `count -war peace`) is most likely a query that
    starts with a negated word: say how to write one."""
    option = getattr(error, "option_name", None)
    command = getattr(getattr(error, "ctx", None), "command", None)
    takes_query = any(
        getattr(param, "param_type_name", "") == "argument"
        and any(word in str(getattr(param, "metavar", "") or "") for word in ("QUERY", "TEXT"))
        for param in getattr(command, "params", [])
    )
    if isinstance(option, str) and len(option) == 2 and hasattr(error, "message") and takes_query:
        error.message += (
            "; a query that starts with -word goes after --, e.g. statement count -- '-war peace'"
        )


def _works_without_config(args: list[str]) -> bool:
    """Whether a command line can answer with a broken config file: help, the version,
    and `statement config`, which shows the error and where."""
    if {"--help", "-h", "--version"} & set(args):
        return True
    words = [a for i, a in enumerate(args) if not a.startswith("-") and not _is_global(args, i)]
    return not words or words[0] == "config"


def _interrupted_message(interrupt: KeyboardInterrupt) -> str:
    """What a Ctrl-C left: a write says what the archive now holds."""
    from statement_cli.cli.remedies import worded
    from statement_cli.errors import Remedy

    outcome = getattr(interrupt, "outcome", "cancelled")
    return f"statement: {worded(outcome, getattr(interrupt, 'remedy', Remedy.NONE))}"


app = typer.Typer(
    cls=_Group,
    name="statement",
    help="A terminal archive for statements: ingest plain text, search it, read it.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    """Global options, kept in the click context (never in module globals)."""

    archive: Path | None
    color: Color

    def styles_stdout(self) -> bool:
        """Whether results on stdout get styles: a terminal (unless NO_COLOR), or
        --color always / FORCE_COLOR when piped."""
        return _styled(self.color, sys.stdout)

    def emit_marked(self, text: str) -> None:
        """Plain results whose statement text was made inert piece by piece and whose
        matches are marked with escape sequences of our own: written as they are."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def page(self, view: "RenderableType") -> None:
        """A terminal view, through the pager when it is taller than the screen (see
        cli/pager.py)."""
        if isinstance(view, str):  # text (JSON) goes out as it is, never through Rich
            self.emit(view)
            return
        out = self.console()
        if out.is_terminal and _taller_than_screen(out, view):
            from statement_cli.cli.pager import UsersPager

            with out.pager(UsersPager(), styles=True):
                out.print(view)
        else:
            self.emit(view)

    def console(self) -> "Console":
        """A Rich console on stdout (loads Rich: only for terminal views)."""
        from statement_cli.render import make_console

        return make_console(self.color)

    def err(self) -> "Console":
        from statement_cli.render import make_console

        return make_console(self.color, stderr=True)

    def stdout_is_terminal(self) -> bool:
        return sys.stdout.isatty()

    def say(self, message: object, style: str | None = None) -> None:
        """One message on stderr: styled on a terminal, plain text otherwise (and then
        without loading Rich at all)."""
        if _styled(self.color, sys.stderr):
            from rich.text import Text

            if isinstance(message, Text):
                text = message
            else:
                text = Text(inert_message(message), style=style or "")
            self.err().print(text)
        else:
            plain = getattr(message, "plain", message)
            sys.stderr.write(f"{inert_message(plain)}\n")
            sys.stderr.flush()

    def emit(self, renderable: object) -> None:
        """Results on stdout: text goes out as it is; Rich renderables are rendered."""
        if isinstance(renderable, str):
            sys.stdout.write(inert(renderable))
            sys.stdout.flush()
        elif sys.stdout.isatty():
            self.console().print(renderable)
        else:  # for programs and grep: whole values, no padding
            from statement_cli.render import piped_text

            sys.stdout.write(piped_text(renderable, self.color))  # type: ignore[arg-type]
            sys.stdout.flush()


def _taller_than_screen(console: "Console", renderable: "RenderableType") -> bool:
    return len(console.render_lines(renderable, console.options, pad=False)) > console.height


def _styled(color: Color, stream) -> bool:  # type: ignore[no-untyped-def]
    """Whether output to `stream` gets styles (same rule as the Rich consoles)."""
    if color is Color.auto:
        forced, off = os.environ.get("FORCE_COLOR"), os.environ.get("NO_COLOR")
        return bool(forced) or (not off and stream.isatty())
    return color is Color.always


def state_of(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State(None, Color.auto)


def open_archive(ctx: typer.Context, write: bool = False, repairing: bool = False) -> "Archive":
    """The archive the global options name. Without one, the default archive; while it
    does not exist, reading commands answer from the bundled sample (saying so) and
    writing ones create it empty. `repairing` opens a damaged archive too, for `check`."""
    from statement_cli.archive import Archive

    state = state_of(ctx)
    if state.archive is None:
        from statement_cli.bundled import open_default_archive

        def sample(path: Path) -> None:
            state.say(
                f"statement: no archive yet at {path}; answering from the bundled sample "
                "(`statement ingest FILES` starts yours)"
            )

        return open_default_archive(sample, write, repairing)
    if write:
        return Archive.open_or_create(state.archive)
    return Archive.open(state.archive, repairing=repairing)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"statement {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            envvar="STATEMENT_ARCHIVE",
            help="Archive folder \\[default: the user data folder; until it exists, reading "
            "commands answer from the bundled sample].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            envvar="STATEMENT_COLOR",
            help="Colour and styles: auto (on a terminal, unless NO_COLOR is set), always, never.",
        ),
    ] = Color.auto,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """A terminal archive for statements: ingest plain text, search it, read it.

    Example: statement search "election observation" --since 2015
    """
    ctx.obj = State(archive, color)


# ---- ingest ------------------------------------------------------------------------------


def progress_bar(state: State, quiet: bool, label: str, files: int, size: int = 0) -> "Progress":
    """A progress bar on stderr for more than a handful of files or a large one (a JSONL
    export of thousands of statements is one file), on a terminal only."""
    from statement_cli.progress import Progress

    shown = (
        not quiet
        and (files > Progress.HANDFUL or size > Progress.LARGE_BYTES)
        and (sys.stderr.isatty() or state.color is Color.always)
    )
    return Progress(state.err() if shown else None, label, files, size)


def waiting_message(state: State):  # type: ignore[no-untyped-def]
    def waiting() -> None:
        state.say("statement: another process is writing to the archive; waiting for it…")

    return waiting


_GLOBAL_OPTIONS_WITH_VALUES = {"--archive", "--color"}


def hoist_global_options(args: list[str]) -> list[str]:
    """`args` with --archive and --color (and their values) that follow the command moved
    before it; nothing after `--` moves."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if rest and name in _GLOBAL_OPTIONS_WITH_VALUES:
            taken = 1 if "=" in arg else 2
            front.extend(args[i : i + taken])
            i += taken
            continue
        (rest if rest or not _is_global(args, i) else front).append(arg)
        i += 1
    return front + rest


def _is_global(args: list[str], i: int) -> bool:
    """Whether args[i] belongs to the global options before the command."""
    arg = args[i]
    if arg.startswith("-"):
        return True
    previous = args[i - 1] if i else ""
    return previous in _GLOBAL_OPTIONS_WITH_VALUES  # the value of --archive or --color


def _keep_only_the_command_asked_for(args: list[str]) -> None:
    """Typer builds every command's Click object (signatures, options, help) on each run,
    about 15 ms; a command line that names its command needs only that one. Top-level
    help, shell completion and mistyped names still see them all."""
    if os.environ.get("_STATEMENT_COMPLETE"):
        return
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUES:
            skip_value = True
        elif not arg.startswith("-"):
            named = [
                info
                for info in app.registered_commands
                if (info.name or getattr(info.callback, "__name__", "").replace("_", "-")) == arg
            ]
            if named:
                app.registered_commands = named
            return


def main() -> None:
    """Console-script entry point."""
    _keep_only_the_command_asked_for(sys.argv[1:])
    app(prog_name="statement")
