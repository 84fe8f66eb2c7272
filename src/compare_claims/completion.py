"""Shell completion: ``compare-claims --completion bash|zsh|fish`` prints a
script for the shell to load (``eval "$(compare-claims --completion bash)"``).

The commands and their options are written into the script from the parsers
themselves, so the script and ``--help`` cannot disagree; topic names, which a
user's topics may change, are asked of the program as the user types
(``compare-claims --completion topics``: the built-in topics, one a line).
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any

from .errors import UsageError

SHELLS = ("bash", "zsh", "fish")


def _values(dest: str) -> list[str]:
    """The values an option can take, where they are a short list."""
    if dest == "fmt":
        from .render import Format

        return [f.value for f in Format]
    if dest == "color":
        return ["auto", "always", "never"]
    if dest == "scorer":
        from .align import SCORERS

        return sorted(SCORERS)
    return []


class _Spec:
    """One command's options, as completion needs them."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.flags: list[str] = []  # options that take no value
        self.valued: dict[str, list[str]] = {}  # option -> its values (empty: a path or free text)
        self.topic_first = False  # the first positional is a topic name
        for action in parser._actions:
            if not action.option_strings:
                self.topic_first = self.topic_first or action.dest == "name"
                continue
            for s in action.option_strings:
                if action.nargs == 0:
                    self.flags.append(s)
                else:
                    self.valued[s] = _values(action.dest)


def _specs(commands: Mapping[str, Any], parser_for: Callable[[Any], argparse.ArgumentParser]) -> dict[str, _Spec]:
    return {name: _Spec(parser_for(c)) for name, c in commands.items()}


def script(shell: str, commands: Mapping[str, Any], parser_for: Callable[[Any], argparse.ArgumentParser]) -> str:
    if shell == "topics":
        from .config import load_topics

        return "".join(f"{n}\n" for n in sorted(load_topics()))
    if shell not in SHELLS:
        raise UsageError(f"--completion takes {', '.join(SHELLS)} (or topics), not {shell!r}")
    specs = _specs(commands, parser_for)
    return _fish(specs) if shell == "fish" else _bash(specs, zsh=shell == "zsh")


def _bash(specs: dict[str, _Spec], *, zsh: bool) -> str:
    cases = []
    for name, spec in specs.items():
        values = "".join(f'            {opt}) COMPREPLY=($(compgen -W "{" ".join(v)}" -- "$cur")); return;;\n'
                         for opt, v in spec.valued.items() if v)
        paths = "|".join(opt for opt, v in spec.valued.items() if not v)
        cases.append(
            f"        {name})\n"
            f'            opts="{" ".join(spec.flags + list(spec.valued))}"; topic_first={int(spec.topic_first)};\n'
            f'            case "$prev" in\n{values}'
            + (f'            {paths}) COMPREPLY=($(compgen -f -- "$cur")); return;;\n' if paths else "")
            + "            esac;;\n")
    head = "autoload -U +X bashcompinit && bashcompinit\n" if zsh else ""
    return f"""{head}# compare-claims completion ({'zsh' if zsh else 'bash'}): eval "$(compare-claims --completion {'zsh' if zsh else 'bash'})"
_compare_claims() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" opts="" topic_first=0
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "{' '.join(specs)} --version --help --completion" -- "$cur")); return
    fi
    case "${{COMP_WORDS[1]}}" in
{''.join(cases)}        --completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return;;
        *) return;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur")); return
    fi
    if [ "$topic_first" -eq 1 ] && [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "$(compare-claims --completion topics 2>/dev/null)" -- "$cur")); return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}}
complete -o filenames -F _compare_claims compare-claims
"""


def _fish(specs: dict[str, _Spec]) -> str:
    lines = ['# compare-claims completion (fish): compare-claims --completion fish | source',
             "complete -c compare-claims -f",
             f"complete -c compare-claims -n __fish_use_subcommand -a '{' '.join(specs)}'",
             "complete -c compare-claims -n __fish_use_subcommand -l version -d 'Print the version and exit.'",
             "complete -c compare-claims -n __fish_use_subcommand -l completion -x -a 'bash zsh fish'"]
    for name, spec in specs.items():
        when = f"-n '__fish_seen_subcommand_from {name}'"
        if spec.topic_first:
            lines.append(f"complete -c compare-claims {when} -a '(compare-claims --completion topics 2>/dev/null)'")
        else:
            lines.append(f"complete -c compare-claims {when} -F")
        for opt in spec.flags:
            lines.append(f"complete -c compare-claims {when} {_fish_opt(opt)}")
        for opt, v in spec.valued.items():
            lines.append(f"complete -c compare-claims {when} {_fish_opt(opt)} "
                         + (f"-x -a '{' '.join(v)}'" if v else "-r -F"))
    return "\n".join(lines) + "\n"


def _fish_opt(opt: str) -> str:
    return f"-l {opt[2:]}" if opt.startswith("--") else f"-s {opt[1:]}"

