"""Domain errors and exit codes, mapped to a message once, in ``cli.main``."""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    CHANGED = 1  # a baseline comparison found a change
    USAGE = 2  # bad input: usage, missing path, unreadable file, unknown topic, ...
    INTERNAL = 70  # a bug of the tool (sysexits' EX_SOFTWARE): never 1, which a baseline check reads as a change
    INTERRUPTED = 130  # Ctrl-C


class CompareClaimsError(Exception):
    """Base of every error a user can cause; its message is one line."""

    exit_status: ExitStatus = ExitStatus.USAGE

    def __str__(self) -> str:
        return " ".join(super().__str__().split())  # one line, whatever the cause said


class UsageError(CompareClaimsError):
    """An option or argument the command cannot take."""


class InputError(CompareClaimsError):
    """A path is missing, empty, binary, unreadable, or holds nothing to read."""


class UnknownTopicError(CompareClaimsError):
    """The topic asked for is not defined."""


class ConfigError(CompareClaimsError):
    """A topics, metadata or cue-list TOML file is malformed."""


TopicsFileError = ConfigError  # the name the first version used


class BaselineError(CompareClaimsError):
    """A baseline file is missing or not a compare-claims result."""


class OutputError(CompareClaimsError):
    """The result could not be written (a full disk, a closed stream)."""
