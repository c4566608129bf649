"""``sotto api token``: the token other apps show Sotto's local API."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``api`` and its actions to the subcommands *commands*."""
    api = commands.add_parser(
        "api",
        parents=[common],
        help=QCoreApplication.translate("cli", "the local API's token, for other apps"),
    )
    actions = api.add_subparsers(dest="action", metavar="ACTION", required=True)
    token = actions.add_parser(
        "token",
        help=QCoreApplication.translate(
            "cli", "print the token apps show the API (made the first time)"
        ),
    )
    token.add_argument(
        "--new",
        action="store_true",
        help=QCoreApplication.translate(
            "cli",
            "replace it with a new one: apps that show the old one are refused (a window "
            "that serves the API reads it when it starts)",
        ),
    )


def run(args: argparse.Namespace, paths: AppPaths, store: ConversationStore) -> int:
    """Print the token (a new one with ``--new``); return the exit code."""
    from desktop.core.vault.api_token import ApiTokens

    tokens = ApiTokens.of(paths, store.db)
    print(tokens.renew() if args.new else tokens.get())
    return 0
