"""``sotto history``: saved conversations listed, shown or searched."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_USAGE
from desktop.cli.output import print_error, shown
from desktop.cli.vault import open_store
from desktop.core.chat.written_out import one_line, source_heading, sources_title
from desktop.core.paths import AppPaths
from desktop.core.vault.sources import SourceStore


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    """Print what *args* asks of the history."""
    store = open_store(paths, writes=False)
    if args.view == "list":
        untitled = QCoreApplication.translate("cli", "New chat")
        for listed in store.list_conversations():
            print(f"{listed.id}\t{shown(listed.title or untitled)}")
        return 0
    if args.view == "show":
        conversation = store.get_conversation(args.id)
        if conversation is None:
            print_error(
                QCoreApplication.translate(
                    "cli", "There is no conversation {id}. `sotto history list` shows them."
                ).format(id=args.id)
            )
            return EXIT_USAGE
        print(f"# {shown(conversation.title)}\n")
        you = QCoreApplication.translate("cli", "You")
        messages = store.messages(conversation.id)
        sources = SourceStore(store.db).of([m.id for m in messages if m.role == "assistant"])
        for message in messages:
            model = conversation.model or message.role
            speaker = you if message.role == "user" else shown(model)
            print(f"{speaker}:\n{message.content}\n")
            cited = sources.get(message.id, ())
            if cited:  # numbered as the reply cites them
                print(f"{sources_title(QCoreApplication.translate)}:")
            for source in cited:
                print(shown(source_heading(source, QCoreApplication.translate)))
                print(f"    {shown(one_line(source.text))}")
            if cited:
                print()
        return 0
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    for hit in store.search(" ".join(args.words)):
        snippet = hit.snippet.replace("\x02", bold).replace("\x03", plain).replace("\n", " ")
        print(f"{hit.conversation_id}\t{shown(hit.title)}\t{snippet}")
    return 0
