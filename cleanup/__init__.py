"""cleanup: repair damaged Chinese and English news text, with every change attributed.

Public API::

    from cleanup import clean, clean_file, Settings
    result = clean(text)                  # DocumentResult
    result.output                         # the cleaned text
    result.changes                        # input span, before/after, rule codes, safety
    result.flags                          # things an editor must check (nothing changed)
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("cleanup")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+local"

from .api import clean, clean_bytes, clean_file  # noqa: E402
from .core.edits import Change, Edit, Flag, Safety, apply_changes  # noqa: E402
from .core.pipeline import Cleaner, DocumentResult  # noqa: E402
from .core.settings import Settings  # noqa: E402

__all__ = ["clean", "clean_bytes", "clean_file", "Cleaner", "DocumentResult", "Settings",
           "Change", "Edit", "Flag", "Safety", "apply_changes", "__version__"]
