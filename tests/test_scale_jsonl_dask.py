"""JSON Lines corpora in and out, and the same run on a Dask cluster."""

from __future__ import annotations

import builtins
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleanup.api import clean
from cleanup.cli import app
from cleanup.core.settings import Settings
from cleanup.io.errors import InputError
from cleanup.runner import run_files

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
runner = CliRunner()


def write_corpus(path: Path, id_field: str = "id", text_field: str = "text") -> list[dict]:
    records = []
    for i, seed in enumerate(SEEDS * 2):
        records.append({id_field: f"doc-{i}", "source": seed.name, text_field: seed.read_text(encoding="utf-8"),
                        "meta": {"n": i, "tags": ["a", "b"]}})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return records


def test_jsonl_cleans_text_keeps_other_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = write_corpus(corpus, "doc_id", "body")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(corpus), "--jsonl", "--id-field", "doc_id", "--text-field", "body",
                                 "--with-counts", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    lines = (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    for line, record in zip(lines, records):
        got = json.loads(line)
        expected = clean(record["body"], Settings(), path=f"{corpus}#{record['doc_id']}", markdown=False)
        assert got["body"] == expected.output
        assert {k: got[k] for k in ("doc_id", "source", "meta")} == {k: record[k] for k in ("doc_id", "source", "meta")}
        assert got["cleanup"]["changes"] == len(expected.changes)
        assert got["cleanup"]["rules"] == expected.counts()
    assert any(json.loads(line)["cleanup"]["changes"] for line in lines)


def test_jsonl_jobs_2_is_identical_and_unchanged_lines_stay_byte_for_byte(tmp_path: Path, monkeypatch) -> None:
    from cleanup.scale import jsonl

    monkeypatch.setattr(jsonl, "BATCH_LINES", 3)  # several batches, so the workers share the file
    corpus = tmp_path / "in" / "corpus.jsonl"
    corpus.parent.mkdir()
    write_corpus(corpus)
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write('{"id": 99, "text": "A clean sentence.", "x": 1.50}\n')
    one, two = tmp_path / "one", tmp_path / "two"
    fields = jsonl.JsonlFields()
    jsonl.run_jsonl([corpus.parent], Settings(), fields, out=one, jobs=1)
    jsonl.run_jsonl([corpus.parent], Settings(), fields, out=two, jobs=2)
    assert (one / "corpus.jsonl").read_bytes() == (two / "corpus.jsonl").read_bytes()
    assert (one / "corpus.jsonl").read_bytes().endswith(b'{"id": 99, "text": "A clean sentence.", "x": 1.50}\n')


@pytest.mark.parametrize("bad, message", [
    ('{"id": 1, "text": "fine"}\n{"id": 2, "text": "broken\n', "corpus.jsonl:2: not valid JSON"),
    ('{"id": 1, "text": "fine"}\n\n["not", "an object"]\n', "corpus.jsonl:3: not a JSON object"),
    ('{"id": 1, "body": "x"}\n', "corpus.jsonl:1: no 'text' field"),
    ('{"text": "x"}\n', "corpus.jsonl:1: no 'id' field"),
])
def test_malformed_line_names_file_and_line_and_writes_nothing(tmp_path: Path, bad: str, message: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(bad, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(corpus), "--jsonl", "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output.replace("\n", "")
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_check_jsonl_exit_codes(tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.jsonl"
    write_corpus(dirty)
    assert runner.invoke(app, ["check", str(dirty), "--jsonl", "-q"]).exit_code == 1
    clean_file = tmp_path / "clean" / "c.jsonl"
    clean_file.parent.mkdir()
    clean_file.write_text('{"id": "a", "text": "The meeting was held in Changchun on Monday."}\n', encoding="utf-8")
    assert runner.invoke(app, ["check", str(clean_file.parent), "--jsonl", "-q"]).exit_code == 0


# -- Dask ---------------------------------------------------------------------


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_dask_cluster_writes_what_the_local_run_writes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    big = folder / "big.txt"
    big.write_bytes(b"".join(s.read_bytes() + b"\n" for s in SEEDS) * 8)
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_files([folder], Settings(), out=local, stream_threshold=100_000, chunk_bytes=30_000)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        summary = run_files([folder], Settings(), out=remote, dask=client, stream_threshold=100_000, chunk_bytes=30_000)
    assert not summary.fatal
    assert [o.result.meta.get("chunks") for o in summary.outcomes if o.input.path == big][0] > 3
    assert outputs(local) == outputs(remote)
    assert len(outputs(remote)) == len(SEEDS) + 1


def test_missing_dask_extra_is_one_line_saying_what_to_install(tmp_path: Path, monkeypatch) -> None:
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(InputError, match=r"pip install 'cleanup\[dask\]'"):
        run_files([SEEDS[0]], Settings(), out=tmp_path / "out", dask="tcp://127.0.0.1:1")
    result = runner.invoke(app, ["run", str(SEEDS[0]), "--out", str(tmp_path / "o"), "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code != 0 and not list((tmp_path / "o").glob("*.txt"))
