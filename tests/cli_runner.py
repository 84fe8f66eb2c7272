"""Run the command line in this process, as a test sees it: arguments in,
exit status, stdout and stderr out (bytes and text), with an environment and
standard input of the test's own, restored afterwards.

What click's ``CliRunner`` did for the tests while the CLI was built on typer,
kept to the same names (``invoke(app, args, input=, env=)``, ``exit_code``,
``stdout``, ``stderr``, ``output``) so that the tests read as before.
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes
    exception: BaseException | None = None

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", "replace").replace("\r\n", "\n")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace").replace("\r\n", "\n")

    @property
    def output(self) -> str:
        """stdout, then stderr (what a terminal would have shown, in order per stream)."""
        return self.stdout + self.stderr


class _Bytes(io.BytesIO):
    """Bytes written, kept when the program closes its stream."""

    def close(self) -> None:
        pass


class _Stream(io.TextIOWrapper):
    """A text stream over bytes that is not a terminal."""

    def isatty(self) -> bool:
        return False


class CliRunner:
    def __init__(self, env: Mapping[str, str | None] | None = None) -> None:
        self.env = dict(env or {})

    def invoke(self, app: Callable[[list[str]], int], args: Sequence[str] = (), input: str | bytes | None = None,
               env: Mapping[str, str | None] | None = None, color: bool = False) -> Result:
        """``app(args)`` with stdin ``input`` and the environment plus ``env``
        (a value None removes the variable); never raises.  ``color``: as
        click's runner takes it; nothing written is ever stripped here."""
        wanted = {**self.env, **(env or {})}
        saved_env = {k: os.environ.get(k) for k in wanted}
        saved_streams = sys.stdin, sys.stdout, sys.stderr
        data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
        out, err = _Bytes(), _Bytes()
        sys.stdin = _Stream(_Bytes(data), encoding="utf-8")
        sys.stdout = _Stream(out, encoding="utf-8", write_through=True)
        sys.stderr = _Stream(err, encoding="utf-8", write_through=True)
        exception: BaseException | None = None
        try:
            for k, v in wanted.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            try:
                code = app(list(args))
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            except Exception as exc:  # a test that expects none says so through exit_code
                exception, code = exc, 1
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except ValueError:  # closed by the program
                    pass
            return Result(int(code or 0), out.getvalue(), err.getvalue(), exception)
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved_streams
            for k, v in saved_env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
