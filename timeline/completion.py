"""Shell completion for the command line (shtab): bash, zsh and tcsh scripts made from
cli.py's own parsers, so that every command and option the parsers know is completed,
the choices of an option (`--format`) too, and file names where a file is wanted."""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "tcsh")
FILE_ARGUMENTS = ("file", "old", "new", "output", "into")  # the dests that name a file
FOLDER_ARGUMENTS = ("corpus",)


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of the command line's `parser` (cli.whole_parser) for
    `shell` (one of SHELLS)."""
    import shtab  # only this command needs it

    for each in parsers(parser):
        for action in each._actions:
            if action.dest in FILE_ARGUMENTS:
                action.complete = shtab.FILE
            elif action.dest in FOLDER_ARGUMENTS:
                action.complete = shtab.DIRECTORY
    return _with_files_first(shell, shtab.complete(parser, shell))


# shtab completes the first word with the commands only; `timeline events.yaml` opens
# the explorer, so the files are offered there too. Bash: a function around shtab's
# that adds them (its `complete` line, after shtab's, is the one that counts).
BASH_FILES_FIRST = """
_timeline_with_files() {
  _shtab_timeline "$@"
  if [[ $COMP_CWORD -eq 1 && ${COMP_WORDS[1]} != -* ]]; then
    COMPREPLY+=( $(compgen -f -- "${COMP_WORDS[1]}") )
  fi
}
complete -o bashdefault -o filenames -F _timeline_with_files timeline
"""
ZSH_COMMANDS = "  _describe 'timeline commands' _commands\n"


def _with_files_first(shell: str, text: str) -> str:
    """The script, offering files as the first word too (bash and zsh; tcsh: the commands)."""
    if shell == "bash":
        return text + BASH_FILES_FIRST
    if shell == "zsh" and ZSH_COMMANDS in text:
        return text.replace(ZSH_COMMANDS, ZSH_COMMANDS + "  _files\n", 1)
    return text


def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and those of its commands."""
    commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [parser] + [sub for action in commands for sub in dict.fromkeys(action.choices.values())]
