"""``propdesk --help`` builds the whole command tree without importing SQLAlchemy, Alembic, Qt or the services
(issue 18: 0.6–0.8 s before the first line of help); every command's own help still works. A run naming its
command builds only that command's module, with the whole tree's results and messages."""

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import COMMAND_WORDS, build_parser, main, parse_args, parser_for

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "PySide6", "app.models", "app.services", "app.db", "openpyxl", "reportlab",
         "python_calamine")

PROBE = """
import contextlib, io, json, sys
from app.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "help": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _probe(*argv: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(proc.stdout.splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or any(m.startswith(h + ".") or m == h for h in HEAVY)]


def test_help_imports_no_database_orm_or_gui_modules():
    result = _probe("--help")
    assert result["code"] == 0
    assert "roster" in result["help"] and "payment" in result["help"]
    assert _heavy(result["modules"]) == []


def test_a_command_with_choices_from_the_models_builds_its_help_lazily():
    result = _probe("payment", "take", "--help")
    from app.models import PayMethod

    choices = "{" + ",".join(m.value for m in PayMethod) + "}"  # read from the model when asked for
    assert choices in result["help"].replace("\n", "").replace(" ", "")
    assert "app.models" in result["modules"]  # read when asked for, not when building the tree


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from _command_paths(sub, (*prefix, name))


COMMANDS = list(_command_paths(build_parser()))


def test_the_tree_has_every_command():
    assert len(COMMANDS) > 40
    assert {("gui",), ("db", "info"), ("payment", "take"), ("user", "add"), ("backup", "create")} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_prints_its_help(path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: propdesk {' '.join(path)}")


def test_a_choice_from_the_models_is_still_checked(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["user", "add", "someone", "--role", "boss"])
    assert exit_.value.code == 2
    assert "invalid choice: 'boss'" in capsys.readouterr().err


def test_every_top_level_command_names_its_module():
    from app.cli import COMMAND_MODULES, _PartialParser

    for module in COMMAND_MODULES:
        sub = _PartialParser(prog="propdesk").add_subparsers(dest="command")
        importlib.import_module(module).register(sub)
        assert set(sub.choices) == {w for w, m in COMMAND_WORDS.items() if m == module}, module


def test_a_run_builds_only_its_command_and_parses_as_the_whole_tree_would():
    result = _probe("--database", "sqlite://", "workorder", "list", "--help")
    assert result["code"] == 0 and result["help"].startswith("usage: propdesk workorder list")
    commands = [m for m in result["modules"] if m.startswith("app.commands.")]
    assert commands == ["app.commands.workorder"]
    for argv in (["--user", "kefu", "workorder", "list", "--query", "王", "--limit", "5"],
                 ["--user=kefu", "--database", "sqlite://", "payment", "take", "--unit", "1-1-101", "--amount", "1"],
                 ["--user", "workorder", "db", "info"],  # a global option's value that is a command's name
                 ["--data", "sqlite://", "db", "info"]):  # an abbreviation: the whole tree
        assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv)), argv


@pytest.mark.parametrize("argv", [["workorder", "lst"], ["workorder", "list", "--limit", "0"], ["payment"],
                                  ["--user", "workorder", "db", "nothing"], ["workorder", "list", "--bogus"]])
def test_a_wrong_command_line_gets_the_whole_trees_message(argv, capsys):
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as run:
        main(argv)
    assert run.value.code == whole.value.code == 2
    assert capsys.readouterr() == expected


@pytest.mark.parametrize(("argv", "command"), [
    ([], "gui"), (["--database", "sqlite:///x.db"], "gui"), (["--user=gui", "--database", "gui", "gui", "--demo"], "gui"),
    (["gui", "--help"], "gui"), (["--database", "gui", "db", "info"], "db"), (["--help"], None),
    (["--version"], None), (["payment", "take"], "payment"), (["guii"], None),
])
def test_opening_the_window_builds_only_the_gui_command(argv, command):
    """Issue 18: the other seventy parsers are not built before the login window (nor for any other command
    but the one run); --help, --version and what is no command get them all."""
    commands = {name for action in parser_for(argv)._actions if isinstance(action, argparse._SubParsersAction)
                for name in action.choices}
    if command is None:
        assert commands == {path[0] for path in COMMANDS}
    else:
        assert commands == {w for w, m in COMMAND_WORDS.items() if m == COMMAND_WORDS[command]}
