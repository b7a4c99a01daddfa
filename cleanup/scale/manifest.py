"""What a run has finished, so that ``--resume`` skips it.

The manifest is ``.cleanup-manifest.jsonl`` in the output folder (a dot
file: never taken as input). One JSON line per written output, appended and
flushed as soon as the output was renamed into place::

    {"relative": "a/b.txt", "input_sha256": "...", "settings": "<digest>"}

A file is skipped on ``--resume`` when its input hash and the settings
digest match a record and its output still exists. A line torn by a kill is
ignored. The settings digest covers the settings, the cleanup version and
the content of every glossary file, so a changed glossary reprocesses all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..core.settings import Settings

MANIFEST_NAME = ".cleanup-manifest.jsonl"


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def settings_digest(settings: Settings) -> str:
    from .. import __version__
    from ..glossary.load import fingerprint

    digest = hashlib.sha256(f"{__version__}|{settings!r}|{fingerprint(settings.glossary)}".encode())
    return digest.hexdigest()[:16]


class Manifest:
    """Records (and, on resume, recalls) the outputs a run has completed."""

    def __init__(self, out: Path, settings: Settings, resume: bool) -> None:
        self.path = out / MANIFEST_NAME
        self.digest = settings_digest(settings)
        self.done: dict[str, tuple[str, str]] = {}
        if resume and self.path.exists():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    record = json.loads(line)
                    self.done[record["relative"]] = (record["input_sha256"], record["settings"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a kill
        out.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "a" if resume else "w", encoding="utf-8")
        if resume and self._handle.tell() and not self.path.read_bytes().endswith(b"\n"):
            self._handle.write("\n")  # end a line torn by a kill before appending

    def is_done(self, relative: Path, source: Path, target: Path) -> bool:
        record = self.done.get(str(relative))
        if record is None or record[1] != self.digest or not target.exists():
            return False
        return record[0] == file_sha256(source)

    def record(self, relative: Path, input_sha256: str) -> None:
        line = json.dumps({"relative": str(relative), "input_sha256": input_sha256, "settings": self.digest})
        self._handle.write(line + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()
