"""How long each stage of a build took: the figures `make bench` prints and `--timings FILE` writes.

The build runs each of its stages inside `with timer.stage("MkDocs"):`. A stage entered again
adds to its first entry (one figure a stage: the build reads each page once and hands it to
every stage that needs it, so a stage may run a little for each page), and a stage entered
inside another is charged alone: the outer one is paused meanwhile, so no second is counted
twice and the stages add up to the total. The stages are listed in the order the timer is
given (the build's), then any other in the order it first ran. Wall-clock time (`time.perf_counter`), as a
reader waits for it, not CPU time.

The JSON form is `{"stages": [{"name": str, "seconds": float}, ...], "total": float}`, the
total being the sum of the stages. A build that fails writes no timings file (the command
line removes an older one first, so a file there is always the figures of a build that
finished): a failed build's figures stop at the stage that failed, and read as a fast build.

Not a profiler: it says which stage to look at, not why it is slow.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StageTime:
    name: str
    seconds: float


class Timer:
    """The time of each named stage of one build, in the order the stages first ran."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter, order: Sequence[str] = ()) -> None:
        self._clock = clock
        self._order = tuple(order)
        self._seconds: dict[str, float] = {}
        self._running: list[tuple[str, float]] = []     # (stage, when its current stretch began)

    def _charge(self, now: float) -> None:
        """Charge the running stage (the innermost) for its stretch up to `now`."""
        if self._running:
            name, since = self._running[-1]
            self._seconds[name] += now - since

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as the stage `name` (its time added to what the stage took before)."""
        now = self._clock()
        self._charge(now)
        self._seconds.setdefault(name, 0.0)
        self._running.append((name, now))
        try:
            yield
        finally:
            now = self._clock()
            self._charge(now)
            self._running.pop()
            if self._running:      # the outer stage runs on from here
                self._running[-1] = (self._running[-1][0], now)

    @property
    def stages(self) -> list[StageTime]:
        """The stages that ran: those named in `order` in that order, then any other in the order it first ran."""
        names = [n for n in self._order if n in self._seconds] + [n for n in self._seconds if n not in self._order]
        return [StageTime(name, self._seconds[name]) for name in names]

    @property
    def total(self) -> float:
        return sum(self._seconds.values())

    def as_json(self) -> dict:
        return {"stages": [{"name": s.name, "seconds": round(s.seconds, 4)} for s in self.stages],
                "total": round(self.total, 4)}

    def line(self) -> str:
        """One line for the build's report: `times: pipeline 1.84 s, rendering 0.36 s, …, total 9.10 s`."""
        return "times: " + ", ".join(f"{s.name} {s.seconds:.2f} s" for s in self.stages) + f"; total {self.total:.2f} s"

    def write(self, path: Path) -> None:
        """The JSON form at `path`, written whole, then swapped in."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.as_json(), indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
