"""The ``sotto`` command's arguments: every command, its options and their help."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop import __version__

COMMANDS = (
    "ask",
    "revise",
    "history",
    "models",
    "servers",
    "docs",
    "serve",
    "api",
    "forget-everything",
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, its help translated."""
    # Here, not at the top: the commands' modules weigh on a start of the window, which
    # needs only COMMANDS.
    from desktop.cli import api, docs, models, revise, serve, servers
    from desktop.core.inference.types import Sampling

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=QCoreApplication.translate(
            "cli", "keep all state under DIR instead of your user profile (portable use, tests)"
        ),
    )
    parser = argparse.ArgumentParser(
        prog="sotto",
        parents=[common],
        description=QCoreApplication.translate(
            "cli",
            "Private chat with language models that run on this computer. "
            "Without a command, opens the window. Where the history is locked with a "
            "passphrase, commands ask for it, or read it from SOTTO_PASSPHRASE.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"Sotto {__version__}")
    parser.add_argument(
        "--self-check",
        nargs="?",
        const="",
        metavar="MODEL",
        help=QCoreApplication.translate(
            "cli",
            "check that Sotto works here (the inference library, the starter model or "
            "MODEL, the encrypted history), print a line per check and exit: 0 if all passed",
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser(
        "ask",
        parents=[common],
        help=QCoreApplication.translate("cli", "ask a model one question and print its reply"),
    )
    ask.add_argument(
        "prompt",
        nargs="?",  # after a bare --continue, argparse may take it for the conversation
        help=QCoreApplication.translate("cli", "the question; - reads it from standard input"),
    )
    ask.add_argument(
        "--continue",
        dest="continue_id",
        nargs="?",
        const="",
        metavar="ID",
        help=QCoreApplication.translate(
            "cli",
            "continue the last conversation, or conversation ID: the model reads its history "
            "(and its documents' passages), and this exchange is saved in it",
        ),
    )
    ask.add_argument(
        "--model",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli",
            "an installed model's name, a GGUF file's path, or SERVER/MODEL for a model on "
            "one of your servers (default: the starter model)",
        ),
    )
    ask.add_argument(
        "--system",
        default="",
        metavar="TEXT",
        help=QCoreApplication.translate("cli", "a system prompt: how the model should behave"),
    )
    ask.add_argument(
        "--max-tokens",
        type=int,
        default=Sampling.max_tokens,
        metavar="N",
        help=QCoreApplication.translate("cli", "the longest reply, in tokens"),
    )
    ask.add_argument(
        "--temperature",
        type=float,
        default=Sampling.temperature,
        metavar="T",
        help=QCoreApplication.translate(
            "cli", "0 for the same reply every time; higher varies more"
        ),
    )
    ask.add_argument(
        "--incognito",
        action="store_true",
        help=QCoreApplication.translate("cli", "do not save this exchange in the history"),
    )
    docs.add_ask_option(ask)
    revise.add_parser(commands, common)
    history = commands.add_parser(
        "history",
        parents=[common],
        help=QCoreApplication.translate("cli", "print saved conversations"),
    )
    views = history.add_subparsers(dest="view", metavar="VIEW", required=True)
    views.add_parser("list", help=QCoreApplication.translate("cli", "every conversation"))
    show = views.add_parser("show", help=QCoreApplication.translate("cli", "one conversation"))
    show.add_argument("id", type=int, help=QCoreApplication.translate("cli", "its number"))
    search = views.add_parser(
        "search", help=QCoreApplication.translate("cli", "messages holding every word")
    )
    search.add_argument("words", nargs="+", help=QCoreApplication.translate("cli", "the words"))
    models.add_parser(commands, common)
    servers.add_parser(commands, common)
    docs.add_parser(commands, common)
    serve.add_parser(commands, common)
    api.add_parser(commands, common)
    forget = commands.add_parser(
        "forget-everything",
        parents=[common],
        help=QCoreApplication.translate(
            "cli", "delete the history's key, the history, settings and caches, for good"
        ),
    )
    forget.add_argument(
        "--include-models",
        action="store_true",
        help=QCoreApplication.translate("cli", "delete downloaded and imported models too"),
    )
    forget.add_argument(
        "--yes",
        action="store_true",
        help=QCoreApplication.translate("cli", "do not ask for confirmation (for scripts)"),
    )
    return parser
