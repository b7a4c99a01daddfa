"""All rules. Importing this package registers every rule module below it.

One module per rule or small family: ``zh/`` for Chinese, ``en/`` for English.
"""

import importlib
import pkgutil


def _import_all() -> None:
    for sub in ("zh", "en"):
        package = importlib.import_module(f"{__name__}.{sub}")
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")


_import_all()
