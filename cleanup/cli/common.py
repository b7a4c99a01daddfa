"""What every command shares: the app, consoles, and the options that build Settings."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(
    name="cleanup",
    help="Repair damaged Chinese and English news text; every change attributed to a rule.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
console_err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cleanup {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Repair damaged Chinese and English news text; every change attributed to a rule."""


SelectOpt = typer.Option(None, "--select", help="Only these rule codes or families (ZH2, EN, pinyin-gloss). Repeatable or comma-separated.")
IgnoreOpt = typer.Option(None, "--ignore", help="Skip these rule codes or families.")
TargetOpt = typer.Option(None, "--target", help="Chinese script of the output: zh-Hans (default), zh-Hant, zh-TW, zh-HK.")
ConfigOpt = typer.Option(None, "--config", help="Config file (cleanup.toml or pyproject.toml); default: the nearest one.", exists=False)
GlossaryOpt = typer.Option(None, "--glossary", help="Glossary file or folder (repeatable); default: the project's glossary/.")


def build_settings(config: Optional[Path], select: Optional[list[str]], ignore: Optional[list[str]],
                   target: Optional[str], glossary: Optional[list[Path]] = None, **options):
    """Settings from the config file, overridden by command-line options."""
    from ..core.rules import expand_codes
    from ..core.settings import load_settings

    settings = load_settings(config)
    settings = settings.with_overrides(
        select=select or None,
        ignore=ignore or None,
        target=target,
        glossary=[str(g.resolve()) for g in glossary] if glossary else None,
    )
    if options:
        merged = dict(settings.options)
        merged.update({k: v for k, v in options.items() if v is not None})
        settings = settings.with_overrides(options=tuple(sorted(merged.items())))
    # unknown codes are a usage error, reported before any file is touched
    expand_codes(settings.select)
    expand_codes(settings.ignore)
    return settings
