"""Rules on the order and the status of milestones (AV506–AV508).

A milestone names the milestones it must follow (`after: [M13]`, or with a least distance
`after: [{id: M18, months: 6}]`); an order that cannot hold is an error at the later milestone's
time, naming both. A passed milestone that nobody has reported on is an upplysning for its owner,
judged at the date of the document that presents the plan, as its page judges it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus
from ..source.models.common import quarter_bounds
from ..source.models.data import Milestones
from .registry import at_key, rule, valid_datasets

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    # The month's length by the Gregorian rule (not calendar.monthrange: calendar imports locale, some
    # milliseconds of every `avtal check`).
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    length = 29 if month == 1 and leap else _MONTH_DAYS[month]
    return dt.date(year, month + 1, min(day.day, length))


def earliest_after(earlier_when, months: int) -> dt.date:
    """The first day a milestone can lie on when it comes `months` after one at `earlier_when`."""
    return add_months(quarter_bounds(earlier_when)[0], months)


def _distance(months: int) -> str:
    return "efter" if months == 0 else f"minst {months} {'månad' if months == 1 else 'månader'} efter"


@rule
def milestones_in_order(corpus: Corpus) -> Iterator[Finding]:
    """AV506, AV507: a milestone can lie after the milestones it names in `after`, by their distance."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, Milestones):
            continue
        by_id = {m.id: m for m in dataset.data.items}
        for index, milestone in enumerate(dataset.data.items):
            for position, follows in enumerate(milestone.follows):
                earlier = by_id.get(follows.id)
                if earlier is milestone:
                    yield at_key("AV507", dataset, ("items", index, "after", position),
                                 f"{milestone.id} ska komma efter sig själv")
                    continue
                if earlier is None:
                    yield at_key("AV507", dataset, ("items", index, "after", position),
                                 f'{milestone.id} ska komma efter "{follows.id}", som inte finns i filen'
                                 f"{suggestion(follows.id, by_id)}")
                    continue
                first_day = earliest_after(earlier.when, follows.months)
                if quarter_bounds(milestone.when)[1] < first_day:
                    yield at_key("AV506", dataset, ("items", index, "when"),
                                 f"{milestone.id} ({milestone.when}) ska komma {_distance(follows.months)} "
                                 f"{earlier.id} ({earlier.when}), alltså tidigast {first_day.isoformat()}; "
                                 f"flytta {milestone.id} eller {earlier.id}")


@rule
def passed_milestones_reported(corpus: Corpus) -> Iterator[Finding]:
    """AV508: a milestone whose time has passed says whether it was reached."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, Milestones):
            continue
        doc = corpus.by_id.get(dataset.data.document)
        if doc is None or doc.meta is None:
            continue
        for index, milestone in enumerate(dataset.data.items):
            if milestone.state(doc.meta.date) == "unreported":
                yield at_key("AV508", dataset, ("items", index, "done"),
                             f"{milestone.id} ({milestone.when}) har passerat den {doc.meta.date.isoformat()} utan "
                             f"rapport (ansvarig: {milestone.responsible}); ange done: true med belägg i evidence, "
                             "eller done: false med belägg om den inte nåddes")
