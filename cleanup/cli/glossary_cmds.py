"""``cleanup glossary …``: commands for the editors who maintain the glossary."""

from __future__ import annotations

import typer

from .common import app

glossary_app = typer.Typer(help="Check, test, list, edit, import, export and mine the glossary.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")
