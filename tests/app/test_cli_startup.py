"""``propdesk --help`` builds the whole command tree without importing SQLAlchemy, Alembic, Qt or the services
(issue 18: 0.6–0.8 s before the first line of help); every command's own help still works."""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser, main, parser_for

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


@pytest.mark.parametrize(("argv", "only_gui"), [
    ([], True), (["--database", "sqlite:///x.db"], True), (["--user=gui", "--database", "gui", "gui", "--demo"], True),
    (["gui", "--help"], True), (["--database", "gui", "db", "info"], False), (["--help"], False),
    (["--version"], False), (["payment", "take"], False), (["guii"], False),
])
def test_opening_the_window_builds_only_the_gui_command(argv, only_gui):
    """Issue 18: the other seventy parsers are not built before the login window; anything else gets them."""
    commands = {name for action in parser_for(argv)._actions if isinstance(action, argparse._SubParsersAction)
                for name in action.choices}
    assert commands == {"gui"} if only_gui else commands == {path[0] for path in COMMANDS}
