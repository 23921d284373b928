"""`papers --help` and each command's help: every option and positional explained, examples and exit codes."""

from pathlib import Path

import pytest

from extract.cli import build_parser, main


def commands():
    parser = build_parser()
    return parser, parser._subparsers._group_actions[0].choices


def test_every_option_and_positional_of_every_command_has_help_text():
    _, subparsers = commands()
    missing = [f"{name} {action.option_strings or action.dest}" for name, sub in subparsers.items()
               for action in sub._actions if not action.help]
    assert missing == []


def test_help_shows_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    text = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "examples:\n  papers run " in text and "papers inspect " in text
    exit_codes = text.split("exit codes:", 1)[1]
    for code in ("0 ok", "1 some paper failed", "2 bad arguments", "3 Prefect", "130 interrupted", "141"):
        assert code in exit_codes


def test_readme_synopsis_is_the_parsers():
    """The README's command-line block is what the parser says, so no option goes undocumented."""
    from extract.cli import synopsis

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line\n", 1)[1].split("```\n", 2)[1]
    assert block == synopsis(), "README's synopsis is stale: paste extract.cli.synopsis() into it"
