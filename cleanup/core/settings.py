"""Settings of a run, from defaults, a config file and the command line.

Config files, nearest first from the working directory upward:
``cleanup.toml`` (keys at top level) or ``pyproject.toml`` (under
``[tool.cleanup]``). Command-line options override them. Settings are a
plain picklable value so that worker processes and cluster workers can build
their own :class:`~cleanup.core.pipeline.Cleaner` from them.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

TARGETS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


class ConfigError(ValueError):
    """A config file or option is wrong; the message names the file and key."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a run does to a text."""

    target: str = "zh-Hans"
    select: tuple[str, ...] = ()      # rule codes/families; empty: every default rule
    ignore: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()    # glossary files or folders; empty: the default glossary
    max_passes: int = 8
    options: tuple[tuple[str, Any], ...] = field(default=())  # extra per-feature options

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise ConfigError(f"unknown target {self.target!r}: choose one of {', '.join(TARGETS)}")
        if not 1 <= self.max_passes <= 100:
            raise ConfigError("max_passes must be between 1 and 100")

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)

    def with_overrides(self, **overrides: Any) -> "Settings":
        clean = {k: v for k, v in overrides.items() if v is not None}
        for key in ("select", "ignore", "glossary"):
            if key in clean:
                clean[key] = tuple(clean[key])
        return replace(self, **clean)

    def signature(self) -> str:
        """A short, stable description of the settings (for reports)."""
        parts = [f"target:{self.target}"]
        if self.select:
            parts.append("select:" + ",".join(self.select))
        if self.ignore:
            parts.append("ignore:" + ",".join(self.ignore))
        parts.append(f"passes:{self.max_passes}")
        return "|".join(parts)

    def digest(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:12]


_KNOWN = {f.name for f in fields(Settings)} - {"options"}


def find_config(start: Path) -> Path | None:
    """The nearest ``cleanup.toml``, or ``pyproject.toml`` with ``[tool.cleanup]``."""
    for folder in [start, *start.parents]:
        candidate = folder / "cleanup.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "cleanup" in data.get("tool", {}):
                return pyproject
    return None


def load_settings(config: Path | None = None, start: Path | None = None) -> Settings:
    """Read settings from ``config`` (or the nearest config file), relative paths resolved."""
    path = config or find_config((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({getattr(exc, 'strerror', None) or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleanup", {})
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name in ("select", "ignore", "glossary"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key} must be a list of strings")
            if name == "glossary":
                value = [str((path.parent / v).resolve()) for v in value]
            values[name] = tuple(value)
        elif name in _KNOWN:
            values[name] = value
        else:
            options[name] = value
    try:
        return Settings(**values, options=tuple(sorted(options.items())))
    except (TypeError, ConfigError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
