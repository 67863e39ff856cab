"""How a roster's changes read on the page."""

from types import SimpleNamespace

from kithkin.matching.presenters import change_text

ANN, SAM = SimpleNamespace(full_name="Ann Lee"), SimpleNamespace(full_name="Sam Patel")


def change(why="carer_off", before=None, after=None, start_before=None, start_after=None):
    return SimpleNamespace(why=why, carer_before=before, carer_after=after, start_before=start_before,
                           start_after=start_after)


def test_each_kind_of_change_reads_as_what_happened():
    assert change_text(change(before=ANN, after=SAM, start_before=495, start_after=495)) == \
        "Sam Patel instead of Ann Lee, at 08:15"
    assert change_text(change(before=ANN, after=ANN, start_before=600, start_after=660)) == \
        "Ann Lee, moved from 10:00 to 11:00"
    # someone new, or a visit put back: who is coming, not "instead of nobody"
    assert change_text(change(why="reinstated", after=SAM, start_after=854)) == "Sam Patel, at 14:14"
    assert change_text(change(before=ANN, start_before=600)) == "not planned (it was Ann Lee's)"
    # a visit taken off says whose it was, and when: who to tell
    assert change_text(change(why="cancelled", before=ANN, start_before=600)) == \
        "cancelled (it was Ann Lee's, at 10:00)"
    assert change_text(change(why="ended", before=ANN, start_before=600)) == "taken off (it was Ann Lee's, at 10:00)"
    assert change_text(change(why="cancelled")) == "cancelled"
