"""CLI subcommands (``register(subparsers)`` per module, listed in ``app.cli.COMMAND_MODULES``).

Who acts is always known: by default a command runs as the person named by the global ``--user``
(signed in by ``app.cli.main`` before the command runs) and reads its services from ``args.services``.
A command that reads no personal data and changes nothing declares so with ``needs_user=False`` in its
``set_defaults`` and opens the database itself::

    info.set_defaults(func=info, needs_user=False)

A handler may have a ``quick(args, read_password) -> int | None`` attribute: ``main`` tries it before opening
the database and signing in, and goes the usual way when it returns None (``workorder list``: answered
through the standard library on SQLite, app/quick.py).

``propdesk --help`` must not import SQLAlchemy, Alembic or the services (tests/app/test_cli_startup.py):
a command module imports only the standard library, ``app.errors`` and ``app.money`` at its top; the models,
services and database are imported inside the handlers. Choices taken from the models are set with
``lazy_choices`` (read when a value is checked or that command's help is printed).
"""

from collections.abc import Callable, Iterable


def lazy_choices(action, load: Callable[[], Iterable[str]]):
    """Give an argument the choices ``load()`` returns, worked out on first use (checking a value, printing
    that command's help) so that building the parser imports nothing heavy::

        lazy_choices(take.add_argument("--method", default="cash"), pay_methods)

    (Set after ``add_argument``: ``choices=`` there would be read at once to check the metavar.)"""
    action.choices = LazyChoices(load)
    return action


class LazyChoices:
    """A list of choices loaded on first use (see ``lazy_choices``)."""

    def __init__(self, load: Callable[[], Iterable[str]]):
        self._load = load
        self._values: list[str] | None = None

    def _get(self) -> list[str]:
        if self._values is None:
            self._values = list(self._load())
        return self._values

    def __iter__(self):
        return iter(self._get())

    def __contains__(self, value) -> bool:
        return value in self._get()

    def __len__(self) -> int:
        return len(self._get())


def positive_count(text: str) -> int:
    """``type=`` for options such as ``--limit``: a whole number from 1 to 10,000, else argparse's message."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”无效, 应为 1 到 10000 之间的整数")
    return value
