"""CLI subcommands (``register(subparsers)`` per module, listed in ``app.cli.COMMAND_MODULES``).

Who acts is always known: by default a command runs as the person named by the global ``--user``
(signed in by ``app.cli.main`` before the command runs) and reads its services from ``args.services``.
A command that reads no personal data and changes nothing declares so with ``needs_user=False`` in its
``set_defaults`` and opens the database itself::

    info.set_defaults(func=info, needs_user=False)
"""


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
