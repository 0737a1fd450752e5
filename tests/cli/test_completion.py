"""`timeline completion bash|zsh|tcsh` prints a script (shtab's, from the parsers
themselves) that names every command and every option; bash's is tried as bash runs it
on a tab, zsh's and tcsh's are read by those shells where they are installed."""

import re
import shutil
import subprocess

import pytest
from conftest import ROOT, run

from timeline.cli import COMMANDS, whole_parser
from timeline.completion import SHELLS, parsers


def options() -> set[str]:
    return {option for parser in parsers(whole_parser()) for action in parser._actions
            for option in action.option_strings}


def script(shell: str) -> str:
    result = run("completion", shell)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def test_every_command_and_option_is_named_in_each_shells_script():
    assert {"--actor", "--corpus", "--format", "--force", "--skip-bad", "--published", "--single-outlet"} <= options()
    for shell in SHELLS:
        text = script(shell)
        if shell == "tcsh":  # its options are listed without their dashes, after c/--/
            listed = set(re.search(r"c/--/\(([^)]*)\)", text).group(1).split())
            assert {o[2:] for o in options() if o.startswith("--")} <= listed
            assert set(re.search(r"p/1/\(([^)]*)\)", text).group(1).split()) == set(COMMANDS)
            continue
        for word in [*COMMANDS, *options()]:
            assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), (shell, word)


def bash_completes(tmp_path, *words: str) -> list[str]:
    """What bash offers for the last word, with the script loaded, in the project's folder."""
    (tmp_path / "timeline.bash").write_text(script("bash"), encoding="utf-8")
    words_list = " ".join(f"'{w}'" for w in words)
    program = (f"source {tmp_path / 'timeline.bash'}\nCOMP_WORDS=({words_list}); "
               "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n"
               "$(complete -p timeline | sed 's/.*-F \\([^ ]*\\).*/\\1/') timeline\n"
               "printf '%s\\n' \"${COMPREPLY[@]}\"")
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=ROOT, check=True)
    return result.stdout.split()


def test_bash_completes_commands_options_choices_and_files(tmp_path):
    assert set(COMMANDS) <= set(bash_completes(tmp_path, "timeline", ""))
    assert "events.yaml" in bash_completes(tmp_path, "timeline", "ev")  # the explorer's FILE
    assert bash_completes(tmp_path, "timeline", "ex") == ["export"]
    assert bash_completes(tmp_path, "timeline", "export", "--fo") == ["--format", "--force"]
    assert bash_completes(tmp_path, "timeline", "export", "events.yaml", "--format", "") == \
        ["jsonl", "timelinejs", "csv", "markdown", "html", "parquet"]
    assert bash_completes(tmp_path, "timeline", "diff", "events.yaml", "ev") == ["events.yaml"]
    assert bash_completes(tmp_path, "timeline", "diff", "events.yaml", "events.yaml", "--format", "") == \
        ["text", "json"]
    assert bash_completes(tmp_path, "timeline", "check", "events.yaml", "--corpus", "te") == ["tests"]
    assert bash_completes(tmp_path, "timeline", "completion", "") == list(SHELLS)


@pytest.mark.parametrize("shell, check", [("zsh", ["zsh", "-n"]), ("tcsh", ["tcsh", "-c", "source {}; complete"])])
def test_zsh_and_tcsh_read_their_scripts(tmp_path, shell, check):
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} here (Debian: apt-get install {shell})")
    path = tmp_path / f"timeline.{shell}"
    path.write_text(script(shell), encoding="utf-8")
    command = [part.format(path) for part in check] + ([str(path)] if shell == "zsh" else [])
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    if shell == "tcsh":
        assert result.stdout.startswith("timeline\t")


def test_an_unknown_shell_is_refused():
    result = run("completion", "fish")
    assert result.returncode == 2 and "invalid choice: 'fish'" in result.stderr
