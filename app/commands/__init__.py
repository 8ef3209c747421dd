"""CLI subcommands (``register(subparsers)`` per module, listed in ``app.cli.COMMAND_MODULES``).

Who acts is always known: by default a command runs as the person named by the global ``--user``
(signed in by ``app.cli.main`` before the command runs) and reads its services from ``args.services``.
A command that reads no personal data and changes nothing declares so with ``needs_user=False`` in its
``set_defaults`` and opens the database itself::

    info.set_defaults(func=info, needs_user=False)
"""
