"""Streaming a large file in chunks gives byte-for-byte the output (and the changes) of reading it whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from cleanup.api import clean_bytes
from cleanup.core.segment import HARD_BLOCK_CHARS, SOFT_BLOCK_CHARS
from cleanup.core.settings import Settings
from cleanup.io.errors import InputError
from cleanup.scale import streaming

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
SETTINGS = Settings()


def whole(path: Path):
    result, decoded = clean_bytes(path.read_bytes(), SETTINGS, path=str(path))
    return result, decoded.encode_output(result.output)


def streamed(path: Path, out: Path, chunk_bytes: int = 20_000):
    result = streaming.clean_streamed(path, SETTINGS, out, chunk_bytes=chunk_bytes)
    return result, out.read_bytes()


def assert_same(path: Path, tmp_path: Path, chunk_bytes: int = 20_000) -> None:
    expected_result, expected = whole(path)
    result, got = streamed(path, tmp_path / ("out-" + path.name), chunk_bytes)
    assert got == expected
    assert result.changed == expected_result.changed
    assert result.counts() == expected_result.counts()
    # every change and flag is counted; the first KEPT_FINDINGS are kept, identical to the whole-file ones
    assert (result.n_changes, result.n_flags) == (len(expected_result.changes), len(expected_result.flags))
    kept_changes, kept_flags = len(result.changes), len(result.flags)
    assert kept_changes == min(streaming.KEPT_FINDINGS, result.n_changes)
    assert [c.to_dict() for c in result.changes] == [c.to_dict() for c in expected_result.changes[:kept_changes]]
    assert [f.to_dict() for f in result.flags] == [f.to_dict() for f in expected_result.flags[:kept_flags]]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_seed_streams_to_the_whole_file_output(seed: Path, tmp_path: Path) -> None:
    assert_same(seed, tmp_path, chunk_bytes=1_000)


def mixed_corpus() -> str:
    """Seed lines repeated past the soft and hard block limits, with paragraphs of every size."""
    seed_text = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
    lines = seed_text.splitlines(keepends=True)
    parts: list[str] = [seed_text * 3]
    # one English paragraph longer than the hard limit (no blank line inside): cut mid-paragraph
    english = [line for line in lines if line.strip() and not any("\u4e00" <= ch <= "\u9fff" for ch in line)]
    paragraph = "".join(line.rstrip("\n") + " " for line in english)
    while len(paragraph) < HARD_BLOCK_CHARS + 10_000:
        paragraph += paragraph
    parts.append(paragraph + "\n\n")
    # many paragraphs around the soft limit
    chinese = [line for line in lines if any("\u4e00" <= ch <= "\u9fff" for ch in line)]
    block = "".join(chinese)
    while len(block) < SOFT_BLOCK_CHARS:
        block += block
    parts.append((block + "\n") * 3)
    parts.append("tail line without a newline, 6月14日,")
    return "".join(parts)


def test_generated_file_crossing_block_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(mixed_corpus(), encoding="utf-8")
    assert path.stat().st_size > 2 * HARD_BLOCK_CHARS
    plan = streaming.plan_file(path, SETTINGS, chunk_bytes=50_000)
    assert len(plan.chunks) > 5, "the test must cross chunk boundaries"
    assert_same(path, tmp_path, chunk_bytes=50_000)


def test_crlf_rare_line_ends_and_bom(tmp_path: Path) -> None:
    text = mixed_corpus()[:200_000].replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert_same(path, tmp_path)
    odd = tmp_path / "odd.txt"
    odd.write_bytes(("Posted in: news\x0cpage two\rold mac line\n" + text.replace("\r\n", "\n")[:50_000] + "\u2028end").encode())
    assert_same(odd, tmp_path)


def test_gb18030_file_streams_like_the_whole_file(tmp_path: Path) -> None:
    chinese = "".join(line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines(True)
                      if any("\u4e00" <= ch <= "\u9fff" for ch in line))
    path = tmp_path / "gbk.txt"
    path.write_bytes((chinese * 20).encode("gb18030"))
    assert streaming.scan_file(path).encoding == "gb18030"
    assert_same(path, tmp_path, chunk_bytes=10_000)


def test_interrupted_stream_leaves_no_output(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(mixed_corpus(), encoding="utf-8")
    out = tmp_path / "out" / "big.txt"
    calls = {"n": 0}
    real = streaming.clean_chunk

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(streaming, "clean_chunk", failing)
    with pytest.raises(KeyboardInterrupt):
        streaming.clean_streamed(path, SETTINGS, out, chunk_bytes=50_000)
    assert list(out.parent.iterdir()) == []  # neither the target nor its temporary file


def test_undecodable_line_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x00\x00" * 10 + b"plain\n")
    with pytest.raises(InputError):
        streaming.scan_file(path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        streaming.scan_file(empty)


SEED_LINES = [line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines(True)]


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(0, len(SEED_LINES) - 1), min_size=1, max_size=400),
       chunk=st.sampled_from([300, 2_000, 9_000]))
def test_any_document_of_seed_lines_streams_identically(tmp_path_factory, picks, chunk) -> None:
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "doc.txt"
    path.write_text("".join(SEED_LINES[i] for i in picks), encoding="utf-8")
    assert_same(path, folder, chunk_bytes=chunk)
