"""``sotto servers``: the user's model servers on the command line, and the model of one that
``sotto ask --model SERVER/MODEL`` chats with."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_USAGE
from desktop.cli.output import print_error
from desktop.core.inference.types import ChatBackend
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.client import RemoteChat, RemoteClient
from desktop.core.remote.errors import (
    PlainHttpError,
    ServerNameError,
    UnknownRemoteModelError,
    UnknownServerError,
)
from desktop.core.remote.server import Server, parse_address, split_model_name
from desktop.core.remote.server_store import ServerStore
from desktop.core.remote.tls import read_certificate
from desktop.core.vault.store import ConversationStore
from desktop.text.messages import user_message

KEY_VARIABLE = "SOTTO_SERVER_KEY"


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``servers`` and its actions to the subcommands *commands*."""
    servers = commands.add_parser(
        "servers",
        parents=[common],
        help=QCoreApplication.translate(
            "cli", "add, list and remove your firm's model servers (vLLM, llama-server)"
        ),
    )
    actions = servers.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser(
        "list", help=QCoreApplication.translate("cli", "every server, its address and its models")
    )
    add = actions.add_parser(
        "add",
        help=QCoreApplication.translate(
            "cli",
            "add a server once it answers; its API key is read from SOTTO_SERVER_KEY, or asked for",
        ),
    )
    add.add_argument(
        "name",
        help=QCoreApplication.translate("cli", "what to call it: its models are NAME/MODEL"),
    )
    add.add_argument(
        "url",
        help=QCoreApplication.translate(
            "cli", "its address, such as https://llm.example.internal:8000"
        ),
    )
    add.add_argument(
        "--ca",
        type=Path,
        metavar="FILE",
        help=QCoreApplication.translate(
            "cli", "the certificate (PEM) of your firm's own certificate authority"
        ),
    )
    add.add_argument(
        "--plain-http",
        action="store_true",
        help=QCoreApplication.translate(
            "cli",
            "allow an http:// address beyond this computer: messages, replies and the key "
            "then cross the network unencrypted",
        ),
    )
    check = actions.add_parser(
        "check", help=QCoreApplication.translate("cli", "ask a server for its models again")
    )
    check.add_argument("name", help=QCoreApplication.translate("cli", "the server's name"))
    remove = actions.add_parser(
        "remove", help=QCoreApplication.translate("cli", "forget a server and its API key")
    )
    remove.add_argument("name", help=QCoreApplication.translate("cli", "the server's name"))


def run(
    args: argparse.Namespace, paths: AppPaths, store: ConversationStore, guard: NetworkGuard
) -> int:
    """Do the ``servers`` action in *args*; return the exit code."""
    from desktop.core.services import open_servers

    servers = open_servers(paths, store)
    try:
        if args.action == "list":
            for server in servers.servers():
                print(f"{server.name}\t{server.url}\t{', '.join(server.models)}")
            return 0
        if args.action == "add":
            return _add(servers, guard, args)
        if args.action == "check":
            models = servers.client(args.name, guard).models()
            servers.set_models(args.name, models)
            _print_models(args.name, models)
            return 0
        servers.remove(args.name)
    except (UnknownServerError, ServerNameError, PlainHttpError) as error:
        print_error(user_message(error))
        return EXIT_USAGE
    print(QCoreApplication.translate("cli", "Removed {name}.").format(name=args.name))
    return 0


def _add(servers: ServerStore, guard: NetworkGuard, args: argparse.Namespace) -> int:
    server = Server(
        args.name,
        parse_address(args.url).url,
        read_certificate(args.ca.expanduser()) if args.ca else "",
        plain_http=args.plain_http,
    )
    try:
        server.check()
    except PlainHttpError:
        if not sys.stdin.isatty():
            raise
        answer = input(
            QCoreApplication.translate(
                "cli",
                "{host} is at a plain http:// address: messages, replies and the API key "
                "would cross the network unencrypted, readable by anyone on the way. Type "
                "yes to allow it: ",
            ).format(host=server.address.host)
        )
        if answer.strip().lower() != "yes":
            return EXIT_USAGE
        server = replace(server, plain_http=True)
    if any(kept.name == server.name for kept in servers.servers()):
        raise ServerNameError(server.name)
    key = os.environ.get(KEY_VARIABLE)
    if key is None and sys.stdin.isatty():
        key = getpass.getpass(
            QCoreApplication.translate("cli", "API key of {name} (Enter for none): ").format(
                name=server.name
            )
        )
    key = (key or "").strip()
    models = RemoteClient(server, key, guard).models()
    servers.add(replace(server, models=tuple(models)), key)
    _print_models(server.name, models)
    return 0


def remote_backend(
    paths: AppPaths, store: ConversationStore, name: str, guard: NetworkGuard
) -> tuple[ChatBackend, str] | None:
    """The backend and recorded name of *name* (``SERVER/MODEL``), or None if no server of
    the user's has that name.

    Raises:
        UnknownRemoteModelError: the server did not list the model when last checked.
    """
    from desktop.core.services import open_servers

    parts = split_model_name(name)
    if parts is None:
        return None
    server_name, model = parts
    servers = open_servers(paths, store)
    try:
        server = servers.get(server_name)
    except UnknownServerError:
        return None
    if server.models and model not in server.models:
        raise UnknownRemoteModelError(server.name, model)
    return RemoteChat(servers.client(server.name, guard), model), name


def _print_models(name: str, models: list[str]) -> None:
    print(
        QCoreApplication.translate("cli", "{name} answers with {count} models: {models}").format(
            name=name, count=len(models), models=", ".join(models) or "-"
        )
    )
