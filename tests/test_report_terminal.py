"""``cleanup diff``: side by side in the terminal, every change labelled with its rule."""

from __future__ import annotations

from test_apply import cli


def test_diff_shows_both_sides_with_rule_labels_and_flags(tmp_path, monkeypatch):
    from cleanup.cli.common import console

    monkeypatch.setattr(console, "_width", 240)  # wide enough that no cell wraps
    (tmp_path / "a.txt").write_text("intro line untouched\nthe state council met,my country's plan.\n", encoding="utf-8")
    done = cli("diff", "a.txt", "--no-pager", "--select", "EN101,EN403,EN602", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "original" in out and "cleaned" in out
    [row] = [line for line in out.splitlines() if "the state council" in line]
    assert "the state council met,‸my country's plan." in row  # ‸: where something is inserted
    assert "the State Council[EN403" in row and "China[EN101" in row
    assert "?]" in row  # review changes carry a question mark
    assert "[EN602]" in row
    assert "intro" not in out  # only paragraphs with changes


def test_diff_of_a_clean_file_says_clean_and_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text("The State Council met in Beijing.\n", encoding="utf-8")
    done = cli("diff", "a.txt", cwd=tmp_path)
    assert done.returncode == 0 and "clean" in done.stdout
