"""``python -m cleanup`` is the ``cleanup`` command."""

from .cli import main

main()
