"""``sotto ask``: one question to a model, its reply printed and saved; with ``--continue``,
the next question of a saved conversation (the last one, or the one named), which the model
reads with its history, the passages its questions were given and its documents."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.cli import docs, servers
from desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.cli.output import print_error, print_no_such_model, shown
from desktop.cli.vault import open_store
from desktop.core.errors import UserError
from desktop.core.inference.types import Sampling
from desktop.core.library.installed import find_model, installed_models
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.text.messages import user_message

if TYPE_CHECKING:
    from desktop.core.chat.session import ChatSession
    from desktop.core.documents.search import Hit
    from desktop.core.vault.store import Conversation, ConversationStore


def run(paths: AppPaths, args: argparse.Namespace, guard: NetworkGuard) -> int:
    """Ask the question of *args* and print the reply; return the exit code."""
    from desktop.core.chat.session import ChatSession
    from desktop.core.chat.settings import ChatSettings
    from desktop.core.documents.prompt import grounded_messages
    from desktop.core.inference.types import ChatBackend
    from desktop.core.services import build_engine, open_library
    from desktop.core.vault.store import MessageStatus

    question, wanted = _question_and_conversation(args)
    if question is None:
        print_error(
            QCoreApplication.translate(
                "cli", "Give the question to ask, or - to read it from standard input."
            )
        )
        return EXIT_USAGE
    if wanted is not None and args.incognito:
        print_error(
            QCoreApplication.translate(
                "cli", "An incognito question cannot continue a conversation: it is never saved."
            )
        )
        return EXIT_USAGE
    # The vault knows the models imported in place; an incognito question does not open it.
    store = None if args.incognito else open_store(paths)
    conversation = None
    if wanted is not None:
        assert store is not None
        conversation = _conversation(store, wanted)
        if conversation is None:
            return EXIT_USAGE
    if store is None:
        models = installed_models(paths.models_dir)
    else:
        models = open_library(paths, store).installed()
    model = find_model(models, args.model) if args.model else (models[0] if models else None)
    if not args.model and conversation is not None:  # the model it was written with, if here
        used = find_model(models, conversation.model) if conversation.model else None
        model = used if used is not None and used.path.exists() else model
    remote = None
    if args.model and (model is None or not model.path.exists()):
        # SERVER/MODEL: the server is recorded in the vault, read even for an incognito
        # question (which is still not saved).
        remote = servers.remote_backend(paths, store or open_store(paths), args.model, guard)
    if model is None and remote is None:
        print_no_such_model(args.model or "", (m.name for m in models))
        return EXIT_USAGE
    prompt = sys.stdin.read() if question == "-" else question
    hits: list[Hit] = []
    sampling = Sampling(max_tokens=args.max_tokens, temperature=args.temperature)
    if conversation is not None:
        assert store is not None
        session = _continued(ChatSession.of(store, conversation), args)
    else:
        settings = ChatSettings(
            preset_id="", system_prompt=args.system, sampling=sampling, documents=args.docs or ""
        )
        session = ChatSession(store, settings)  # its collection is kept with it, for the window
    collection = session.settings.documents
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
        if collection:  # the collection's index is under the vault's key, even for incognito
            # Chosen as the window chooses, by the context of the model that reads them, and
            # searched with the questions asked before.
            earlier = [m["content"] for m in session.messages if m["role"] == "user"]
            hits = docs.found_passages(
                paths, store or open_store(paths), collection, prompt, context, earlier, True
            )
        session.send(prompt, name)

        def on_text(piece: str) -> None:
            print(piece, end="", flush=True)
            # A save that fails (the disk) leaves the piece kept: the end saves it whole,
            # or says why it could not.
            with contextlib.suppress(UserError):
                session.reply_text(piece)

        grounded = grounded_messages(session.entries, hits, context)
        try:
            reply = backend.chat(grounded.messages, sampling, on_text)
        except UserError:
            # Where the disk refuses even this, the history keeps the question, and the next
            # start marks its empty reply interrupted: the reason to tell is the first one.
            with contextlib.suppress(UserError):
                session.reply_failed()
            raise
        sources = grounded.sources(reply.text)
        cut = reply.cut_off is not None
        unsaved = None
        try:
            status = MessageStatus.CUT_OFF if cut else MessageStatus.DONE
            session.reply_finished(reply.text, status, sources=sources)
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


def _question_and_conversation(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The question, and the conversation it continues: None for a new one, "" for the last,
    else its number as typed. ``--continue "question"`` hands argparse the question as the
    conversation: a value that is not a number is the question, where none followed."""
    question, wanted = args.prompt, args.continue_id
    if wanted and not wanted.isdigit() and question is None:
        question, wanted = wanted, ""
    return question, wanted


def _conversation(store: ConversationStore, wanted: str) -> Conversation | None:
    """The conversation to continue: the one numbered *wanted*, or the last one active ("");
    None, and the user told why, where there is none."""
    if not wanted:
        conversations = store.list_conversations()
        if not conversations:
            print_error(
                QCoreApplication.translate("cli", "There is no conversation to continue yet.")
            )
            return None
        return max(conversations, key=lambda c: (c.updated_at, c.id))
    conversation = store.get_conversation(int(wanted)) if wanted.isdigit() else None
    if conversation is None:
        print_error(
            QCoreApplication.translate(
                "cli", "There is no conversation {id}. `sotto history list` shows them."
            ).format(id=shown(wanted))
        )
    return conversation


def _continued(session: ChatSession, args: argparse.Namespace) -> ChatSession:
    """*session*, a saved conversation, read as the model reads it (the branch shown, with the
    sources of its replies), and given the collection and system prompt *args* name, if any:
    they are kept with it."""
    session.page()
    settings = session.settings
    documents = args.docs or settings.documents
    system_prompt = args.system or settings.system_prompt
    if (documents, system_prompt) != (settings.documents, settings.system_prompt):
        session.set_settings(replace(settings, documents=documents, system_prompt=system_prompt))
    return session
