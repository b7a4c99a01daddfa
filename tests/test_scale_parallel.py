"""--jobs, --resume, interruption: what a user running a big job would check."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleanup.api import clean_bytes
from cleanup.cli import app
from cleanup.core.settings import Settings
from cleanup.runner import run_files
from cleanup.scale.manifest import MANIFEST_NAME

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
runner = CliRunner()


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and not p.name.startswith(".")}


def expected_output(path: Path) -> bytes:
    result, decoded = clean_bytes(path.read_bytes(), Settings(), path=str(path))
    return decoded.encode_output(result.output)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for i in range(2):
        for seed in SEEDS:
            target = folder / f"batch{i}" / seed.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(seed, target)
    return folder


def test_cli_jobs_2_writes_what_jobs_1_writes(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = runner.invoke(app, ["run", str(corpus), "--out", str(one), "--jobs", "1", "-q"])
    r2 = runner.invoke(app, ["run", str(corpus), "--out", str(two), "--jobs", "2", "-q"])
    assert (r1.exit_code, r2.exit_code) == (0, 0), r1.output + r2.output
    assert outputs(one) == outputs(two)
    assert len(outputs(one)) == 2 * len(SEEDS)
    assert outputs(one)["batch0/" + SEEDS[4].name] == expected_output(SEEDS[4])
    assert outputs(one)["batch0/" + SEEDS[4].name] != SEEDS[4].read_bytes()  # something was fixed


def test_one_large_file_in_chunks_on_two_processes(tmp_path: Path) -> None:
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    big.write_bytes(b"".join(s.read_bytes() + b"\n" for s in SEEDS) * 12)
    small = tmp_path / "in" / "small.txt"
    shutil.copy(SEEDS[4], small)
    expected = {"big.txt": expected_output(big), "small.txt": expected_output(small)}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        summary = run_files([big.parent], Settings(), out=out, jobs=jobs, stream_threshold=100_000, chunk_bytes=30_000)
        assert not summary.fatal and not summary.skipped
        streamed = {o.input.relative.name: o.result.meta.get("chunks") for o in summary.outcomes}
        assert streamed["big.txt"] > 5 and streamed["small.txt"] is None
        assert outputs(out) == expected


def test_check_with_jobs_agrees(corpus: Path) -> None:
    r1 = runner.invoke(app, ["check", str(corpus), "-q"])
    r2 = runner.invoke(app, ["check", str(corpus), "-q", "--jobs", "2"])
    assert r1.exit_code == r2.exit_code == 1


def test_resume_skips_finished_files_and_redoes_changed_ones(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_files([corpus], Settings(), out=out)
    assert len(first.outcomes) == 10 and (out / MANIFEST_NAME).exists()
    before = outputs(out)
    edited = corpus / "batch1" / SEEDS[4].name
    edited.write_bytes(edited.read_bytes() + "6月15日,記者報道,。\n".encode())
    (out / "batch0" / SEEDS[0].name).unlink()  # an output removed by hand is redone too
    again = run_files([corpus], Settings(), out=out, resume=True)
    redone = sorted(str(o.input.relative) for o in again.outcomes)
    assert redone == sorted([f"batch1/{SEEDS[4].name}", f"batch0/{SEEDS[0].name}"])
    assert len(again.resumed) == 8
    after = outputs(out)
    assert after[f"batch1/{SEEDS[4].name}"] == expected_output(edited)
    assert {k: v for k, v in after.items() if k != f"batch1/{SEEDS[4].name}"} == \
           {k: v for k, v in before.items() if k != f"batch1/{SEEDS[4].name}"}
    # other settings: nothing counts as done
    other = run_files([corpus], Settings(target="zh-TW"), out=out, resume=True)
    assert len(other.outcomes) == 10 and not other.resumed


def test_resume_tolerates_a_torn_manifest_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_files([corpus], Settings(), out=out)
    manifest = out / MANIFEST_NAME
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:17])  # killed mid-line
    again = run_files([corpus], Settings(), out=out, resume=True)
    assert len(again.outcomes) == 1 and len(again.resumed) == 9
    assert json.loads(manifest.read_text().splitlines()[-1])["relative"] == lines[-1].split('"')[3]


def test_resume_needs_out(corpus: Path) -> None:
    result = runner.invoke(app, ["run", str(corpus), "--in-place", "--resume"])
    assert result.exit_code == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_killed_run_leaves_only_complete_outputs(tmp_path: Path, sig: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(150):
        shutil.copy(SEEDS[i % len(SEEDS)], folder / f"{i:03d}_{SEEDS[i % len(SEEDS)].name}")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "cleanup", "run", str(folder), "--out", str(out), "--jobs", "2", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.txt"))) < 5:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    # Ctrl-C reaches the whole process group; a kill only the main process
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    written = outputs(out)
    assert 5 <= len(written) < 150
    expected = {seed.name: expected_output(seed) for seed in SEEDS}
    for name, data in written.items():
        assert data == expected[name[4:]], f"{name} is half-written"
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    # and a rerun with --resume finishes the job
    result = runner.invoke(app, ["run", str(folder), "--out", str(out), "--resume", "-q", "--jobs", "2"])
    assert result.exit_code == 0
    assert len(outputs(out)) == 150


def test_a_bad_file_in_a_folder_is_skipped_with_jobs_2_as_with_jobs_1(tmp_path):
    """An input error raised in a worker comes back as the same one-line warning (it must pickle)."""
    import pickle
    import subprocess
    import sys

    from cleanup.io.errors import InputError

    error = pickle.loads(pickle.dumps(InputError("a/b.txt", "binary file, not text", line=3)))
    assert (str(error), error.path, error.reason, error.line) == ("a/b.txt:3: binary file, not text", "a/b.txt",
                                                                  "binary file, not text", 3)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("the the end.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    done = subprocess.run([sys.executable, "-m", "cleanup", "run", str(folder), "--out", str(tmp_path / "out"),
                           "--jobs", "2", "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "skipped" in done.stderr and "bad.txt" in done.stderr
    from cleanup import clean

    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == clean("the the end.\n").output
    assert not (tmp_path / "out" / "bad.txt").exists()
