"""``sotto serve``: the local API without the window, in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication

from desktop.cli.vault import open_store
from desktop.core.app_settings import API_ORIGINS, API_PORT, DEFAULT_API_PORT, AppSettings
from desktop.core.paths import AppPaths


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``serve`` to the subcommands *commands*."""
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help=QCoreApplication.translate(
            "cli",
            "let other apps on this computer use your models through an OpenAI-compatible "
            "API, until Ctrl+C (see docs/local-api.md)",
        ),
    )
    serve.add_argument(
        "--port",
        type=int,
        metavar="N",
        help=QCoreApplication.translate(
            "cli", "the port to listen on (default: the one in Settings, at first {port})"
        ).format(port=DEFAULT_API_PORT),
    )
    serve.add_argument(
        "--host",
        metavar="ADDRESS",
        help=QCoreApplication.translate(
            "cli",
            "127.0.0.1 or ::1 (default: both); Sotto never listens where other computers "
            "can reach it",
        ),
    )


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; return the exit code."""
    from desktop.core.api.app import api_app
    from desktop.core.api.model_host import EngineThread
    from desktop.core.api.server import ApiServer, loopback_sockets
    from desktop.core.api.service import ApiDocuments, ApiService
    from desktop.core.documents.embedding_choice import (
        chosen_embedder_path,
        embedding_models,
        passages_per_question,
    )
    from desktop.core.documents.library import DocumentLibrary
    from desktop.core.services import build_engine, open_library
    from desktop.core.vault.api_token import ApiTokens
    from desktop.core.vault.preferences import ModelChoices

    settings = AppSettings(paths.settings_path)
    port = args.port if args.port is not None else settings.read().get(API_PORT)
    hosts = [args.host] if args.host else None
    # Bound first: an address or a port refused is said before a passphrase is asked for.
    sockets = loopback_sockets(port, *([hosts] if hosts else []))
    try:
        store = open_store(paths)
        token = ApiTokens.of(paths, store.db).get()
        installed = open_library(paths, store).installed()
        embedder = chosen_embedder_path(
            ModelChoices(store.db), [m.path for m in embedding_models(installed)]
        )
        documents = ApiDocuments(
            DocumentLibrary.of(paths, store.db), embedder, passages_per_question(settings)
        )
    except BaseException:
        for listener in sockets:
            listener.close()
        raise
    origins = frozenset(settings.read().get(API_ORIGINS))
    host = EngineThread(build_engine(paths))
    service = ApiService(host, lambda: installed, lambda: token, lambda: origins, documents)
    server = ApiServer(api_app(service, sockets[0].getsockname()[1]), sockets)
    addresses = ", ".join(
        f"http://{'[::1]' if s.family.name == 'AF_INET6' else '127.0.0.1'}:{server.port}/v1"
        for s in sockets
    )
    print(
        QCoreApplication.translate(
            "cli",
            "Sotto's API is listening on {addresses} for apps on this computer. They show "
            "the token that `sotto api token` prints. Press Ctrl+C to stop.",
        ).format(addresses=addresses),
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # the way to stop it
    finally:
        host.close()
        documents.close()
    return 0
