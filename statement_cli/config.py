"""Settings people set once: a TOML file, overridden by environment variables and options.

    # ~/.config/statement-cli/config.toml (or the file $STATEMENT_CONFIG names)
    archive = "~/statements-archive"
    format = "plain"      # list output: table | plain | json | jsonl | csv | ids
    snippets = 3          # fragments per search hit
    pager = false         # page long statements in `show`
    color = "auto"        # auto | always | never

Precedence, strongest first: command-line option, environment variable (STATEMENT_ARCHIVE,
STATEMENT_FORMAT, STATEMENT_SNIPPETS, STATEMENT_PAGER, STATEMENT_COLOR), config file,
built-in default. The file's values reach commands as Click's `default_map`, which Click
ranks below options and environment variables: the precedence is Click's own.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from statement_cli.errors import StatementError
from statement_cli.formats import Color, ListFormat

# setting → (type check, environment variable, default, the commands whose option it sets)
SETTINGS: dict[str, tuple[type, str, object, tuple[str, ...]]] = {
    "archive": (str, "STATEMENT_ARCHIVE", "", ()),
    "color": (str, "STATEMENT_COLOR", Color.auto.value, ()),
    "format": (str, "STATEMENT_FORMAT", "", ("search", "list", "related")),
    "snippets": (int, "STATEMENT_SNIPPETS", 2, ("search",)),
    "pager": (bool, "STATEMENT_PAGER", True, ("show",)),
}
_CHOICES = {"color": [c.value for c in Color], "format": [f.value for f in ListFormat]}


class ConfigError(StatementError):
    """The config file cannot be read or holds a setting that makes no sense."""


def config_path() -> Path:
    given = os.environ.get("STATEMENT_CONFIG")
    if given:
        return Path(given).expanduser()
    from platformdirs import user_config_path

    return user_config_path("statement-cli", appauthor=False) / "config.toml"


def load(path: Path | None = None) -> dict[str, object]:
    """The settings in the config file ({} when there is none); ConfigError if it is bad."""
    path = path or config_path()
    if not path.is_file():
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    for key, value in data.items():
        if key not in SETTINGS:
            known = ", ".join(SETTINGS)
            raise ConfigError(f"config file {path}: unknown setting {key!r} (settings: {known})")
        kind = SETTINGS[key][0]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(f"config file {path}: {key} must be a {kind.__name__}, not {value!r}")
        if key in _CHOICES and value not in _CHOICES[key]:
            choices = " | ".join(_CHOICES[key])
            raise ConfigError(f"config file {path}: {key} must be one of {choices}, not {value!r}")
    if "archive" in data:
        data["archive"] = str(Path(str(data["archive"])).expanduser())
    return dict(data)


def default_map(settings: dict[str, object]) -> dict[str, object]:
    """The settings as Click defaults: global ones at the top, the rest per command."""
    defaults: dict[str, object] = {}
    for key, value in settings.items():
        commands = SETTINGS[key][3]
        if not commands:
            defaults[key] = value
        for command in commands:
            name = "fmt" if key == "format" else key
            defaults.setdefault(command, {})[name] = value  # type: ignore[index]
    return defaults


@dataclass
class Effective:
    name: str
    value: object
    source: str


def effective(
    settings: dict[str, object], path: Path, given: dict[str, object], defaults: dict[str, str]
) -> list[Effective]:
    """Each setting's value and where it came from. `given` holds values set on the
    command line (for the global options); `defaults` describes built-in defaults that
    depend on the machine (the archive folder, the format on a terminal)."""
    rows = []
    for key, (_kind, variable, default, _commands) in SETTINGS.items():
        if given.get(key) is not None:
            rows.append(Effective(key, given[key], "command line"))
        elif os.environ.get(variable):
            rows.append(Effective(key, os.environ[variable], f"environment ({variable})"))
        elif key in settings:
            rows.append(Effective(key, settings[key], f"config file ({path})"))
        else:
            rows.append(Effective(key, defaults.get(key, default), "default"))
    return rows
