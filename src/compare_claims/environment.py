"""Everything the program reads from its surroundings, gathered once
(httpie's ``Environment``): streams, whether they are terminals, the width,
colour and pager settings.  Tests build one with their own values.
"""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

import os
import sys
from typing import NamedTuple, TextIO

DEFAULT_WIDTH = 100
MIN_WIDTH = 40  # narrower than this (COLUMNS=0, a tiny pane) is read as "not set"


class Environment(NamedTuple):
    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool
    stdin_isatty: bool
    width: int  # columns for the table
    color: bool  # colour and bold in the table (else the word diff shows in {braces})
    pager: str  # command to page a table through on a terminal ("" for none)

    @classmethod
    def from_process(cls, *, color: str = "auto", pager: bool = True) -> "Environment":
        """``color``: auto | always | never.  NO_COLOR (any value) and
        TERM=dumb turn colour off unless ``always``."""
        env = os.environ
        tty = _isatty(sys.stdout)
        raw = env.get("COLUMNS", "")
        width = int(raw) if raw.isdigit() and len(raw) < 5 and int(raw) >= MIN_WIDTH else 0
        if not width:
            width = _terminal_width() if tty else DEFAULT_WIDTH
            width = width if width >= MIN_WIDTH else DEFAULT_WIDTH
        if color == "always":
            colored = True
        elif color == "never":
            colored = False
        else:
            colored = tty and "NO_COLOR" not in env and env.get("TERM", "") != "dumb"
        pager_cmd = ""
        if pager and tty and env.get("TERM", "") != "dumb":
            pager_cmd = env.get("COMPARE_CLAIMS_PAGER", env.get("PAGER", "less -FRX"))
        return cls(sys.stdout, sys.stderr, tty, _isatty(sys.stdin), width, colored, pager_cmd)


def _terminal_width() -> int:
    import shutil  # only on a terminal: with the archive modules it loads, ~3 ms of a run

    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False
