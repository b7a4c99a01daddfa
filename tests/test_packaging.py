"""A wheel carries what a non-editable install needs: the glossary and the shipped data files."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_the_glossary_and_the_common_characters(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = tmp_path.glob("cleanup-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.rsplit("/", 1)[-1] for n in names if "/share/cleanup/glossary/" in n}
    assert shipped == {p.name for p in (ROOT / "glossary").glob("*.toml")}
    assert "cleanup/io/common_han.txt" in names
