"""The comparisons' lanes: each forked process does its items' first step, then their second."""

import os

import pytest

from avtal.compare.lanes import SECOND_STEP_NICENESS, LaneError, Lanes


def _first(item):
    return item * 2


def _second(item):
    return (item, os.getpid(), os.getpriority(os.PRIO_PROCESS, 0))


def _fails(item):
    if item == 3:
        raise ValueError("trasig")
    return item


def test_every_item_gets_both_steps_in_its_own_lane_and_the_second_at_lower_priority():
    lanes = Lanes(_first, _second, [[1, 2], [3]])
    assert lanes.first() == {1: 2, 2: 4, 3: 6}
    second = lanes.second()
    assert sorted(second) == [1, 2, 3]
    assert second[1][1] == second[2][1] != second[3][1] != os.getpid()  # one process per lane
    assert all(niceness >= SECOND_STEP_NICENESS for _, _, niceness in second.values())


def test_a_failing_step_is_raised_in_the_parent_with_the_lanes_traceback():
    lanes = Lanes(_fails, _second, [[1], [3]])
    with pytest.raises(LaneError, match="ValueError: trasig"):
        lanes.first()
