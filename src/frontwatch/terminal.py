"""What the CLI writes to a terminal: text made safe, and progress that also reaches logs.

``neutralise`` is THE function every printer uses on text that comes from inputs (article ids,
titles, actor and place names, file names, error messages): control characters (ESC and the
other C0/C1 codes, DEL) and the bidirectional overrides are shown as visible escapes (``\\x1b``)
instead of acting on the terminal. ``cell`` makes a Rich table cell of it (no markup parsed);
``SafeStream`` applies it to a whole output stream when that stream is a terminal.

``Progress`` is a rich progress bar on a terminal; when stderr is not a terminal (a log file, a
pipe, a CI job) it prints a plain line every ``every`` seconds with the count, the rate and the
ETA. Its clock is injectable (tests pass their own).
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, TextIO

from rich.text import Text

# C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates, LS/PS
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def neutralise(value: Any, one_line: bool = False) -> str:
    """``value`` as text with every control character shown as an escape (``\\x1b``); with
    ``one_line`` tabs and newlines are escaped too."""
    s = "" if value is None else str(value)
    return (_CONTROL_ONE_LINE if one_line else _CONTROL).sub(_escape, s)


def cell(value: Any) -> Text:
    """A table cell: neutralised, on one line, never read as Rich markup."""
    return Text(neutralise(value, one_line=True))


class SafeStream:
    """A text stream whose writes are neutralised (newlines and tabs kept); other attributes
    are the wrapped stream's."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, s: str) -> int:
        self._stream.write(neutralise(s))
        return len(s)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def terminal_safe(stream: TextIO) -> TextIO:
    """``stream`` itself, or a SafeStream over it when it is a terminal."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return SafeStream(stream) if tty else stream  # type: ignore[return-value]


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class PlainProgress:
    """Progress as plain lines (stderr not a terminal); the interface of ``rich.progress.Progress``
    that the CLI uses: ``add_task``, ``advance``, ``update``, and a context manager."""

    def __init__(self, label: str, write: Callable[[str], None], every: float = 10.0,
                 clock: Callable[[], float] = time.monotonic):
        self.label, self.write, self.every, self.clock = label, write, every, clock
        self.tasks: dict[int, dict[str, Any]] = {}

    def __enter__(self) -> "PlainProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        for tid in self.tasks:
            self._line(tid, final=True)

    def add_task(self, description: str, total: float | None = None, **_: Any) -> int:
        tid = len(self.tasks)
        now = self.clock()
        self.tasks[tid] = {"description": description, "total": total, "done": 0,
                           "start": now, "last": now, "printed": False}
        return tid

    def update(self, task: int, total: float | None = None, advance: float | None = None,
               **_: Any) -> None:
        if total is not None:
            self.tasks[task]["total"] = total
        if advance:
            self.advance(task, advance)

    def advance(self, task: int, advance: float = 1) -> None:
        t = self.tasks[task]
        t["done"] += advance
        now = self.clock()
        if now - t["last"] >= self.every:
            t["last"] = now
            self._line(task)

    def line(self, task: int = 0) -> str:
        """The progress line of ``task`` now: count (of total), rate and ETA."""
        t = self.tasks[task]
        done, total = t["done"], t["total"]
        elapsed = max(self.clock() - t["start"], 1e-9)
        rate = done / elapsed
        text = f"{self.label}: {int(done)}"
        if total:
            text += f"/{int(total)} ({100 * done / total:.0f}%)"
        text += f", {rate:.1f}/s, {_duration(elapsed)} elapsed"
        if total and done and done < total:
            text += f", ETA {_duration((total - done) / rate)}"
        return text

    def _line(self, task: int, final: bool = False) -> None:
        t = self.tasks[task]
        if final and not t["printed"] and self.clock() - t["start"] < self.every:
            return  # a short run says nothing (its summary line follows)
        t["printed"] = True
        self.write(self.line(task) + (" - done" if final else ""))


def progress(label: str, console, every: float = 10.0, clock: Callable[[], float] = time.monotonic):
    """A rich progress bar with counts and ETA when ``console`` is a terminal, else plain
    progress lines every ``every`` seconds."""
    if console.is_terminal:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)

        return Progress(SpinnerColumn(), TextColumn(neutralise(label)), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=console, transient=True)
    return PlainProgress(neutralise(label), lambda s: console.print(Text(s), highlight=False,
                                                                     soft_wrap=True),
                         every=every, clock=clock)
