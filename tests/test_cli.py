"""The CLI as a user calls it: outputs, exit codes, options, bad input, atomic writes."""

import os
import shutil
from pathlib import Path

import pytest

from cleanup.io import files as io_files
from cleanup.io.errors import InputError
from cli_helpers import run_cli, run_subprocess

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ZH_SEED = "004_05ad7d13ced315b7.txt"
CLEAN_EN = "003_8004575f19911c50.txt"
DIRTY_ZH = "6月14日,省委書記藍(lán)佛安在上黨區(qū)調研,。\n"


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def visible(folder: Path) -> list[str]:
    """Files under ``folder`` (relative), leaving out bookkeeping such as a resume manifest."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_run_folder_writes_same_names_under_out(seeds, tmp_path):
    before = snapshot(seeds)
    result = run_subprocess("run", seeds, "--out", tmp_path / "x")
    assert result.returncode == 0, result.stderr
    assert visible(tmp_path / "x") == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert snapshot(seeds) == before, "inputs untouched"
    cleaned = (tmp_path / "x" / ZH_SEED).read_text(encoding="utf-8")
    assert cleaned.startswith("6月14日，省委书记蓝佛安在上党区政务服务中心")
    assert ZH_SEED in result.stderr, "a summary line per file on stderr"
    assert result.stdout == ""


def test_run_keeps_paths_relative_to_each_folder_and_files_go_to_out_root(tmp_path):
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / "sub" / "deep.md").write_text("# 标题\n\n" + DIRTY_ZH, encoding="utf-8")
    (tmp_path / "a" / "top.txt").write_text(DIRTY_ZH, encoding="utf-8")
    (tmp_path / "a" / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (tmp_path / "single.txt").write_text(DIRTY_ZH, encoding="utf-8")
    result = run_cli("run", tmp_path / "a", tmp_path / "single.txt", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert visible(tmp_path / "out") == ["single.txt", "sub/deep.md", "top.txt"]
    assert (tmp_path / "out" / "top.txt").read_text(encoding="utf-8").startswith("6月14日，省委书记蓝佛安")


def test_in_place_rewrites_only_what_changes(tmp_path):
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_text(DIRTY_ZH, encoding="utf-8")
    shutil.copy(SEEDS / CLEAN_EN, clean)
    os.utime(clean, (1_000_000_000, 1_000_000_000))
    result = run_cli("run", dirty, clean, "--in-place")
    assert result.returncode == 0, result.stderr
    assert dirty.read_text(encoding="utf-8").startswith("6月14日，省委书记蓝佛安")
    assert clean.read_bytes() == (SEEDS / CLEAN_EN).read_bytes()
    assert clean.stat().st_mtime == 1_000_000_000, "a clean file is not rewritten"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file left behind"


def test_run_needs_out_or_in_place_and_never_overwrites_inputs(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")
    assert run_cli("run", source).returncode == 2
    assert run_cli("run", source, "--out", tmp_path / "o", "--in-place").returncode == 2
    result = run_cli("run", source, "--out", tmp_path)  # the output would be the input itself
    assert result.returncode == 2
    assert "--in-place" in result.stderr and "a.txt" in result.stderr
    assert source.read_text(encoding="utf-8") == DIRTY_ZH


def test_check_exit_codes(seeds, tmp_path):
    before = snapshot(seeds)
    assert run_cli("check", seeds / CLEAN_EN).returncode == 0
    dirty = run_cli("check", seeds / ZH_SEED)
    assert dirty.returncode == 1 and "would fix" in dirty.stderr
    assert run_cli("check", seeds).returncode == 1
    assert run_cli("check", tmp_path / "missing.txt").returncode == 2
    assert run_cli("check", seeds / ZH_SEED, "--select", "NOPE999").returncode == 2
    assert snapshot(seeds) == before, "check writes nothing"
    assert not (Path.cwd() / "cleaned").exists()


def test_check_is_dirty_when_characters_were_lost(tmp_path):
    source = tmp_path / "lost.txt"
    source.write_text("省委书记蓝\ufffd安在上党区调研。\n", encoding="utf-8")
    result = run_cli("check", source)
    assert result.returncode == 1, "a file with lost characters is never reported clean"
    assert "ZH104" in result.stderr


def test_diff_writes_nothing_and_shows_the_rule(seeds):
    before = snapshot(seeds)
    result = run_cli("diff", seeds / ZH_SEED)
    assert result.returncode == 1
    assert "ZH" in result.stdout
    assert snapshot(seeds) == before


def test_select_ignore_and_target(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("他说,这是“新型城镇化”。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", source, "--out", out, "--select", "ZH1").returncode == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == "他说,这是“新型城镇化”。\n", "mojibake rules only"
    assert run_cli("run", source, "--out", out, "--ignore", "ZH3").returncode == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == "他说，这是“新型城镇化”。\n"
    assert run_cli("run", source, "--out", out, "--target", "zh-TW").returncode == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == "他說，這是“新型城鎮化”。\n"
    bad = run_cli("run", source, "--out", out, "--target", "klingon")
    assert bad.returncode == 2 and "klingon" in bad.stderr


def test_version():
    result = run_subprocess("--version")
    assert result.returncode == 0 and result.stdout.startswith("cleanup ")


# -- bad input -----------------------------------------------------------------


def _one_line_error(result, name):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and all(name in line for line in errors), result.stderr


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "undetectable", "folder-for-file"])
def test_bad_input_given_directly_is_a_one_line_error(tmp_path, kind):
    out = tmp_path / "out"
    if kind == "missing":
        path = tmp_path / "missing.txt"
    elif kind == "folder-for-file":
        path = tmp_path / "report.txt"
        path.mkdir()  # a folder named like a file: nothing in it to clean
        (path / "data.bin").write_bytes(b"\x00")
    else:
        path = tmp_path / f"{kind}.txt"
        path.write_bytes({"empty": b"", "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40,
                          "undetectable": "Привет мир, это тест".encode("koi8-r")}[kind])
    if kind == "folder-for-file":
        result = run_cli("run", path, "--out", out)
        assert result.returncode == 0 and (not out.exists() or not visible(out))
        return
    result = run_subprocess("run", path, "--out", out)
    _one_line_error(result, path.name)
    assert not out.exists() or not visible(out), "nothing written for a bad input"


def test_bad_file_inside_a_folder_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(DIRTY_ZH, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run_cli("run", folder, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "warning: skipped" in result.stderr and "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert visible(tmp_path / "out") == ["good.txt"]
    check = run_cli("check", folder)
    assert check.returncode == 1, "a skipped file is not clean"


def test_unwritable_output_folder(tmp_path):
    # We run as root, so permissions do not stop us: an output folder *under a
    # regular file* cannot be created by anyone, which is the same failure.
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    result = run_cli("run", source, "--out", blocker / "out")
    _one_line_error(result, "blocker")
    result = run_cli("run", source, "--out", blocker)
    _one_line_error(result, "blocker")
    assert blocker.read_text() == "not a folder"


def test_read_only_output_folder(tmp_path):
    # As a normal user a 0o555 folder is unwritable; root ignores the mode,
    # so there we check that the probe refuses it.
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_cli("run", source, "--out", out)
        if os.geteuid() != 0:
            _one_line_error(result, "ro")
        else:
            assert result.returncode in (0, 2) and "Traceback" not in result.stderr
    finally:
        out.chmod(0o755)


def test_interrupted_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("previous content\n", encoding="utf-8")

    real_fdopen = os.fdopen

    class FailingHandle:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half the bytes reach the disk ...
            raise OSError(28, "No space left on device")  # ... then the disk is full

    monkeypatch.setattr(io_files.os, "fdopen", lambda fd, mode: FailingHandle(real_fdopen(fd, mode)))
    with pytest.raises(InputError) as info:
        io_files.atomic_write(target, "新内容，很长的一段文字。\n".encode() * 100)
    assert "a.txt" in str(info.value) and "No space left" in str(info.value)
    assert target.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt"], "the temporary file is removed"


def test_interrupted_in_place_run_keeps_the_input(tmp_path, monkeypatch):
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")

    def no_rename(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(io_files.os, "replace", no_rename)
    result = run_cli("run", source, "--in-place")
    _one_line_error(result, "a.txt")
    assert source.read_text(encoding="utf-8") == DIRTY_ZH
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


# -- configuration ---------------------------------------------------------------


def test_settings_from_cleanup_toml_and_pyproject(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("他说,这是新型城镇化。\n", encoding="utf-8")
    (tmp_path / "cleanup.toml").write_text('target = "zh-TW"\n', encoding="utf-8")
    assert run_cli("run", "a.txt", "--out", "out", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "他說，這是新型城鎮化。\n"
    (tmp_path / "cleanup.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nselect = ["ZH1"]\n', encoding="utf-8")
    assert run_cli("run", "a.txt", "--out", "out2", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out2" / "a.txt").read_text(encoding="utf-8") == "他说,这是新型城镇化。\n"


@pytest.mark.parametrize("content", ['target = "zh-XX"\n', "select = [1, 2]\n", "this is = not toml [\n"])
def test_bad_config_is_a_one_line_error_naming_the_file(tmp_path, content):
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")
    (tmp_path / "cleanup.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    _one_line_error(result, "cleanup.toml")
    result = run_cli("check", tmp_path / "a.txt", "--config", tmp_path / "missing.toml")
    _one_line_error(result, "missing.toml")


def test_folder_given_where_a_file_is_expected(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(DIRTY_ZH, encoding="utf-8")
    (tmp_path / "conf").mkdir()
    result = run_subprocess("check", source, "--config", tmp_path / "conf")
    _one_line_error(result, "conf")
    result = run_cli("run", tmp_path, "--out", source)  # --out names a file
    _one_line_error(result, "a.txt")
    assert source.read_text(encoding="utf-8") == DIRTY_ZH


def test_a_run_without_report_keeps_no_texts_but_the_same_summary(tmp_path):
    """Long runs hold one result per file: without a report they hold no texts, and say the same."""
    from cleanup.core.settings import Settings
    from cleanup.runner import run_files

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    kept = run_files([seeds], Settings(), out=tmp_path / "a")
    lean = run_files([seeds], Settings(), out=tmp_path / "b", keep_text=False)
    for full, light in zip(kept.processed, lean.processed):
        assert light.result.source == light.result.output == ""
        assert (light.changed, light.clean, light.result.counts()) == (full.changed, full.clean, full.result.counts())
        assert (tmp_path / "a" / full.input.relative).read_bytes() == (tmp_path / "b" / light.input.relative).read_bytes()


def test_an_output_folder_that_cannot_be_created_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    seed = Path(__file__).resolve().parent.parent / "seeds" / "003_8004575f19911c50.txt"
    done = subprocess.run([sys.executable, "-m", "cleanup", "run", str(seed), "--out", "/proc/cleanup-test/out", "-q"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "/proc/cleanup-test/out" in done.stderr


def test_out_equal_to_the_input_folder_is_refused_before_anything_is_written(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("the the end.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleanup", "run", str(folder), "--out", str(folder), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--in-place" in done.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "the the end.\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
