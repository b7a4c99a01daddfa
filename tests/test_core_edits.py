"""The core invariants: edits splice correctly and provenance survives many passes."""

from hypothesis import given, settings, strategies as st

from cleanup.core.edits import Edit, Safety, apply_changes, select_non_overlapping, splice
from cleanup.core.sourcemap import SourceMap


def test_overlapping_edits_first_wins():
    a = Edit(0, 3, "x", "A1", "a")
    b = Edit(2, 5, "y", "B1", "b")
    c = Edit(5, 5, "!", "C1", "c")
    kept, dropped = select_non_overlapping([a, b, c])
    assert kept == [a, c] and dropped == [b]
    assert splice("abcdef", kept) == "xde!f"


def test_adjacent_edits_of_two_passes_stay_separate_changes():
    """An editor can reject the script conversion and keep the gloss removal."""
    smap = SourceMap("藍(lán)天")
    smap.apply([Edit(1, 6, "", "ZH201", "gloss")])          # 藍天
    smap.apply([Edit(0, 1, "蓝", "ZH301", "script")])         # 蓝天
    assert smap.text == "蓝天"
    changes = smap.changes()
    assert [(c.before, c.after, c.rules) for c in changes] == [("藍", "蓝", ("ZH301",)), ("(lán)", "", ("ZH201",))]
    assert apply_changes("藍(lán)天", changes) == "蓝天"


def test_edit_inside_an_earlier_change_merges_and_keeps_both_steps():
    smap = SourceMap("a--b")
    smap.apply([Edit(1, 3, "xyz", "R1", "first")])   # axyzb
    smap.apply([Edit(2, 3, "Y", "R2", "second")])    # axYzb
    [change] = smap.changes()
    assert (change.before, change.after, change.rules) == ("--", "xYz", ("R1", "R2"))


def test_edit_that_restores_the_input_leaves_no_change():
    smap = SourceMap("a,b")
    smap.apply([Edit(1, 2, "，", "ZH401", "comma")])
    smap.apply([Edit(1, 2, ",", "X1", "back")])
    assert smap.text == "a,b" and smap.changes() == []


@st.composite
def passes(draw):
    text = draw(st.text(alphabet="ab,。藍(", min_size=0, max_size=30))
    rounds = draw(st.lists(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.text("xy，", max_size=3)),
                                    max_size=6), max_size=5))
    return text, rounds


@settings(max_examples=400, deadline=None)
@given(passes())
def test_replaying_changes_gives_the_current_text(case):
    original, rounds = case
    smap = SourceMap(original)
    for round_ in rounds:
        text = smap.text
        edits = []
        for start, length, repl in round_:
            start = min(start, len(text))
            end = min(start + length, len(text))
            edits.append(Edit(start, end, repl, "T1", "t", Safety.SAFE))
        kept, _ = select_non_overlapping(edits)
        expected = splice(text, kept)
        smap.apply(kept)
        assert smap.text == expected
        changes = smap.changes()
        assert apply_changes(original, changes) == expected
        spans = sorted((c.start, c.end) for c in changes)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert all(c.before != c.after for c in changes)
