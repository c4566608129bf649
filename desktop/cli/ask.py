"""``sotto ask``: one question to a model, its reply printed and saved."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.cli import docs, servers
from desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.cli.output import print_error
from desktop.cli.vault import open_store
from desktop.core.errors import UserError
from desktop.core.inference.types import Sampling
from desktop.core.library.installed import find_model, installed_models
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.text.messages import user_message

if TYPE_CHECKING:
    from desktop.core.documents.search import Hit


def run(paths: AppPaths, args: argparse.Namespace, guard: NetworkGuard) -> int:
    """Ask the question of *args* and print the reply; return the exit code."""
    from desktop.core.chat.session import ChatSession
    from desktop.core.chat.settings import ChatSettings
    from desktop.core.documents.prompt import grounded_messages, sources_of
    from desktop.core.inference.types import ChatBackend
    from desktop.core.services import build_engine, open_library
    from desktop.core.vault.store import MessageStatus

    # The vault knows the models imported in place; an incognito question does not open it.
    store = None if args.incognito else open_store(paths)
    if store is None:
        models = installed_models(paths.models_dir)
    else:
        models = open_library(paths, store).installed()
    model = find_model(models, args.model) if args.model else (models[0] if models else None)
    remote = None
    if args.model and (model is None or not model.path.exists()):
        # SERVER/MODEL: the server is recorded in the vault, read even for an incognito
        # question (which is still not saved).
        remote = servers.remote_backend(paths, store or open_store(paths), args.model, guard)
    if model is None and remote is None:
        names = ", ".join(m.name for m in models) or "-"
        print_error(
            QCoreApplication.translate(
                "cli", "There is no model called {name}. Installed models: {names}."
            ).format(name=args.model or "", names=names)
        )
        return EXIT_USAGE
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    sources: list[Hit] = []
    sampling = Sampling(max_tokens=args.max_tokens, temperature=args.temperature)
    session = ChatSession(
        store, ChatSettings(preset_id="", system_prompt=args.system, sampling=sampling)
    )
    engine = None
    backend: ChatBackend
    if remote is not None:
        backend, name = remote
        model = None
    else:
        assert model is not None
        backend = engine = build_engine(paths)
        name = model.name
    try:
        context = None  # a server's model: its context is its own
        if engine is not None and model is not None:
            context = engine.load(model.path).n_ctx
        if args.docs:  # the collection's index is under the vault's key, even for incognito
            # Chosen as the window chooses, by the context of the model that reads them.
            sources = docs.found_passages(
                paths, store or open_store(paths), args.docs, prompt, context
            )
        session.send(prompt, name)

        def on_text(piece: str) -> None:
            print(piece, end="", flush=True)
            # A save that fails (the disk) leaves the piece kept: the end saves it whole,
            # or says why it could not.
            with contextlib.suppress(UserError):
                session.reply_text(piece)

        try:
            reply = backend.chat(grounded_messages(session.messages, sources), sampling, on_text)
        except UserError:
            # Where the disk refuses even this, the history keeps the question, and the next
            # start marks its empty reply interrupted: the reason to tell is the first one.
            with contextlib.suppress(UserError):
                session.reply_failed()
            raise
        cut = reply.cut_off is not None
        unsaved = None
        try:
            status = MessageStatus.CUT_OFF if cut else MessageStatus.DONE
            session.reply_finished(reply.text, status, sources=sources_of(sources))
        except UserError as error:
            unsaved = error
    finally:
        if engine is not None:
            engine.unload()
    print(flush=True)
    if unsaved is not None:
        print_error(
            QCoreApplication.translate("cli", "The reply above is not saved. {reason}").format(
                reason=user_message(unsaved)
            )
        )
        return EXIT_FAILED
    docs.print_sources(sources)
    if reply.cut_off is not None:  # what arrived is printed and kept; the rest never came
        print_error(user_message(reply.cut_off))
        return EXIT_FAILED
    print(
        QCoreApplication.translate("cli", "{tokens} tokens · {speed:.1f} tokens/s").format(
            tokens=reply.tokens, speed=reply.tokens_per_second
        ),
        file=sys.stderr,
    )
    return 0
