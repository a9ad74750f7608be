"""Work in two steps over lanes of documents, one forked process per lane.

    lanes = Lanes(first, second, groups)    every process forked at once, before anything else runs
    lanes.first()  -> {item: result}        what each process made first (waited for)
    lanes.second() -> {item: result}        what each made after that, at lower priority (waited for)

The comparisons use it (outputs.py): a lane makes the pages of its documents, then, from the same
trees and comparisons it still holds, their Word files, while `avtal build` goes on with the site.
Plain processes and pipes rather than a pool: every process is forked before any thread exists
(a pool starts a thread per pool, and a fork beside a running thread can hang the child), and the
second step needs no new process. A lane that fails says why, and the parent raises it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Hashable

SECOND_STEP_NICENESS = 10  # the site, on the parent's core, goes first


class LaneError(RuntimeError):
    """A lane's process failed; the message holds its traceback."""


class Lanes:
    def __init__(self, first: Callable, second: Callable, groups: list[list[Hashable]]):
        context = multiprocessing.get_context("fork")
        self.lanes = []
        for group in groups:
            receive, send = context.Pipe(duplex=False)
            # daemon: a parent that stops on an error does not wait for a lane blocked on its pipe
            process = context.Process(target=_lane, args=(first, second, group, send), daemon=True)
            self.lanes.append((process, receive, send))
        for process, _, _ in self.lanes:
            process.start()
        for _, _, send in self.lanes:
            send.close()  # the parent's copy: a lane that dies is then an EOF, not a wait

    def first(self) -> dict:
        return self._collect()

    def second(self) -> dict:
        try:
            return self._collect()
        finally:
            for process, receive, _ in self.lanes:
                receive.close()
                process.join()

    def _collect(self) -> dict:
        results = {}
        for process, receive, _ in self.lanes:
            try:
                status, value = receive.recv()
            except EOFError:
                raise LaneError(f"processen för jämförelserna avslutades oväntat (slutkod {process.exitcode})") from None
            if status != "ok":
                raise LaneError(value)
            results.update(value)
        return results


def _lane(first: Callable, second: Callable, group: list, send) -> None:
    """In the lane's process: each step over the group's items, its results sent as one message.
    (multiprocessing ends a forked process with os._exit: the parent's exit handlers never run here.)"""
    try:
        for step in (first, second):
            if step is second:
                os.setpriority(os.PRIO_PROCESS, 0, max(os.getpriority(os.PRIO_PROCESS, 0), SECOND_STEP_NICENESS))
            try:
                results = {item: step(item) for item in group}
            except Exception:
                send.send(("error", traceback.format_exc()))
                sys.exit(1)
            try:
                send.send(("ok", results))
            except BrokenPipeError:
                return  # the parent stopped waiting
    finally:
        send.close()
