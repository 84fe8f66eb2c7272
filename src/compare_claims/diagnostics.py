"""Plain text streams: results of the machine formats, and diagnostics.

Deliberately small stand-ins for a rich Console (the same ``file`` and
``print``): a run that prints JSON should not pay for importing rich's console
machinery.  Tests pass their own ``file``.
"""
from __future__ import annotations

import sys
from typing import TextIO


class PlainOutput:
    """Where machine formats are written: just a file (stdout by default)."""

    default = "stdout"

    def __init__(self, file: TextIO | None = None) -> None:
        self._file = file

    @property
    def file(self) -> TextIO:
        if self._file is not None:
            return self._file
        stream: TextIO = getattr(sys, self.default)  # looked up late: test runners swap it
        return stream


class Diagnostics(PlainOutput):
    """One plain line per message on stderr: never on stdout, never coloured."""

    default = "stderr"

    def print(self, message: str, *, markup: bool = False) -> None:  # noqa: ARG002 - Console-compatible
        self.file.write(message + "\n")
        self.file.flush()
