"""Diagnostics on stderr: one plain line each, never on stdout.

A deliberately small stand-in for a rich Console (the same ``print`` call):
a run that prints JSON should not pay for importing rich's console machinery
just to say "warning: ...".  Tests pass their own ``file``.
"""
from __future__ import annotations

import sys
from typing import TextIO


class Diagnostics:
    def __init__(self, file: TextIO | None = None) -> None:
        self._file = file

    @property
    def file(self) -> TextIO:
        return self._file if self._file is not None else sys.stderr

    def print(self, message: str, *, markup: bool = False) -> None:  # noqa: ARG002 - Console-compatible
        self.file.write(message + "\n")
        self.file.flush()


class PlainOutput:
    """Where machine formats are written: just a file (stdout in the CLI)."""

    def __init__(self, file: TextIO | None = None) -> None:
        self._file = file

    @property
    def file(self) -> TextIO:
        return self._file if self._file is not None else sys.stdout
