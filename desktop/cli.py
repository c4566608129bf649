"""The ``sotto`` command: the window by default, or a subcommand for scripts and IT departments."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop import __version__, cli_docs, cli_models, cli_servers
from desktop.core.app_settings import OFFLINE, AppSettings
from desktop.core.errors import FileAccessError, UserError
from desktop.core.inference.types import Sampling
from desktop.core.library.installed import find_model, installed_models
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.messages import user_message
from desktop.translation import apply_language, chosen_language

if TYPE_CHECKING:
    from desktop.core.documents.search import Hit
    from desktop.core.vault.store import ConversationStore

PASSPHRASE_VARIABLE = "SOTTO_PASSPHRASE"
_COMMANDS = ("ask", "history", "models", "servers", "docs", "forget-everything")


def _parser() -> argparse.ArgumentParser:
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
        help=QCoreApplication.translate("cli", "the question; - reads it from standard input"),
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
    cli_docs.add_ask_option(ask)
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
    cli_models.add_parser(commands, common)
    cli_servers.add_parser(commands, common)
    cli_docs.add_parser(commands, common)
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


def main(argv: Sequence[str] | None = None, guard: NetworkGuard | None = None) -> int:
    """Run the command line given in *argv* (default: this process's) and return the exit code.

    *guard* is the process's network guard (``desktop.launch`` installs it).
    """
    os.umask(0o077)  # whatever Sotto writes is readable by this user alone
    argv = sys.argv[1:] if argv is None else list(argv)
    if not _opens_window(argv) and QCoreApplication.instance() is None:
        # The window makes its own application; a command needs one for its translations.
        app = QCoreApplication(sys.argv[:1])
        apply_language(app, chosen_language(AppPaths.resolve(_data_dir(argv))))
    args = _parser().parse_args(argv)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    guard = guard or NetworkGuard()
    # Offline mode, once switched on in the window, holds for every command too.
    guard.offline = bool(AppSettings(paths.settings_path).get(OFFLINE, False))
    if args.command is None and args.self_check is None:
        from desktop.app import run_gui

        return run_gui(paths, guard)  # it says why, if it cannot start
    try:
        if args.command == "forget-everything":
            return _forget(paths, args)  # even where nothing can be written: the key goes
        paths.ensure()
        if args.self_check is not None:
            return _self_check(paths, args.self_check)
        if args.command == "ask":
            return _ask(paths, args, guard)
        if args.command == "models":
            return cli_models.run(args, paths, _open_store(paths), guard)
        if args.command == "servers":
            return cli_servers.run(args, paths, _open_store(paths), guard)
        if args.command == "docs":
            return cli_docs.run(args, paths, _open_store(paths))
        return _history(paths, args)
    except UserError as error:
        _error(user_message(error))
        if error.details:
            _error(
                QCoreApplication.translate("cli", "details: {details}").format(
                    details=error.details
                )
            )
        return EXIT_FAILED
    except OSError as error:  # a file named on the command line, or the disk
        _error(user_message(FileAccessError.of(error)))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(flush=True)
        return 130


def _opens_window(argv: Sequence[str]) -> bool:
    """Whether *argv* asks for the window: no command, no help, no version."""
    words = [
        word for index, word in enumerate(argv) if index == 0 or argv[index - 1] != "--data-dir"
    ]
    return not set(words) & {*_COMMANDS, "-h", "--help", "--version", "--self-check"}


def _data_dir(argv: Sequence[str]) -> Path | None:
    """The --data-dir of *argv*, read before the (translated) parser exists."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--data-dir", type=Path)
    known, _ = early.parse_known_args(argv)
    data_dir: Path | None = known.data_dir
    return data_dir


def _open_store(paths: AppPaths) -> ConversationStore:
    # Imported here: --help, --version and the window do not need them loaded.
    from desktop.core.services import open_store
    from desktop.core.vault.errors import PassphraseRequiredError
    from desktop.core.vault.opener import VaultOpener

    opener = VaultOpener(paths)
    passphrase = None
    if opener.needs_passphrase():
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
        if passphrase is None and sys.stdin.isatty():
            passphrase = getpass.getpass(
                QCoreApplication.translate("cli", "Passphrase of your Sotto history: ")
            )
        if passphrase is None:
            raise PassphraseRequiredError()
    return open_store(opener.open(passphrase))


def _ask(paths: AppPaths, args: argparse.Namespace, guard: NetworkGuard) -> int:
    from desktop.core.chat.session import ChatSession
    from desktop.core.chat.settings import ChatSettings
    from desktop.core.documents.prompt import grounded_messages, sources_of
    from desktop.core.inference.types import ChatBackend
    from desktop.core.services import build_engine, open_library
    from desktop.core.vault.store import MessageStatus

    # The vault knows the models imported in place; an incognito question does not open it.
    store = None if args.incognito else _open_store(paths)
    if store is None:
        models = installed_models(paths.models_dir)
    else:
        models = open_library(paths, store).installed()
    model = find_model(models, args.model) if args.model else (models[0] if models else None)
    remote = None
    if args.model and (model is None or not model.path.exists()):
        # SERVER/MODEL: the server is recorded in the vault, read even for an incognito
        # question (which is still not saved).
        remote = cli_servers.remote_backend(paths, store or _open_store(paths), args.model, guard)
    if model is None and remote is None:
        names = ", ".join(m.name for m in models) or "-"
        _error(
            QCoreApplication.translate(
                "cli", "There is no model called {name}. Installed models: {names}."
            ).format(name=args.model or "", names=names)
        )
        return EXIT_USAGE
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    sources: list[Hit] = []
    if args.docs:  # the collection's index is under the vault's key, even for incognito
        sources = cli_docs.found_passages(paths, store or _open_store(paths), args.docs, prompt)
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
        if engine is not None and model is not None:
            engine.load(model.path)
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
        _error(
            QCoreApplication.translate("cli", "The reply above is not saved. {reason}").format(
                reason=user_message(unsaved)
            )
        )
        return EXIT_FAILED
    cli_docs.print_sources(sources)
    if reply.cut_off is not None:  # what arrived is printed and kept; the rest never came
        _error(user_message(reply.cut_off))
        return EXIT_FAILED
    print(
        QCoreApplication.translate("cli", "{tokens} tokens · {speed:.1f} tokens/s").format(
            tokens=reply.tokens, speed=reply.tokens_per_second
        ),
        file=sys.stderr,
    )
    return 0


def _forget(paths: AppPaths, args: argparse.Namespace) -> int:
    from desktop.core.instance_lock import InstanceLock
    from desktop.core.privacy.forget import forget_everything
    from desktop.forget_lines import forget_note, forget_problems

    lock = InstanceLock(paths.lock_path)
    try:
        free = lock.acquire()  # held until the process ends: no window opens meanwhile
    except OSError:
        free = True  # a folder where no lock can be made, nor a window have made one
    if not free:
        # The window would go on writing to a deleted vault: the user's words would vanish.
        _error(
            QCoreApplication.translate(
                "cli",
                "Nothing was deleted: Sotto's window has this history open. Quit Sotto first, "
                "or use Privacy → Forget everything in its window.",
            )
        )
        return EXIT_FAILED
    if not args.yes:
        if not sys.stdin.isatty():
            _error(
                QCoreApplication.translate(
                    "cli", "Nothing was deleted: add --yes to forget everything without a question."
                )
            )
            return EXIT_USAGE
        answer = input(
            QCoreApplication.translate(
                "cli", "Delete every conversation and setting of Sotto for good? Type yes: "
            )
        )
        if answer.strip().lower() != "yes":
            return EXIT_USAGE
    report = forget_everything(paths, include_models=args.include_models)
    # No window goes on in this folder: its lock file goes too (the lock ends with us).
    with contextlib.suppress(OSError):  # a read-only folder: the report says what stayed
        paths.lock_path.unlink(missing_ok=True)
    for problem in forget_problems(report):
        _error(problem)
    if not report.complete:
        return EXIT_FAILED
    print(QCoreApplication.translate("cli", "Everything is forgotten."))
    note = forget_note(report)
    if note is not None:
        print(note)
    models = paths.models_dir
    if not args.include_models and models.is_dir() and any(models.iterdir()):
        print(
            QCoreApplication.translate(
                "cli",
                "The models you downloaded or imported were kept, with their file names, in "
                "{folder}. Add --include-models to delete them too.",
            ).format(folder=models)
        )
    return 0


def _self_check(paths: AppPaths, model: str) -> int:
    from desktop.core.diagnostics import run_checks
    from desktop.core.library.installed import STARTER_MODEL_PATH
    from desktop.self_check_lines import check_line

    results = run_checks(
        Path(model) if model else STARTER_MODEL_PATH,
        scratch_dir=paths.cache_dir,
        on_result=lambda result: print(check_line(result), flush=True),
    )
    return 0 if all(result.passed for result in results) else EXIT_FAILED


def _history(paths: AppPaths, args: argparse.Namespace) -> int:
    store = _open_store(paths)
    if args.view == "list":
        untitled = QCoreApplication.translate("cli", "New chat")
        for conversation in store.list_conversations():
            print(f"{conversation.id}\t{conversation.title or untitled}")
        return 0
    if args.view == "show":
        shown = store.get_conversation(args.id)
        if shown is None:
            _error(
                QCoreApplication.translate(
                    "cli", "There is no conversation {id}. `sotto history list` shows them."
                ).format(id=args.id)
            )
            return EXIT_USAGE
        print(f"# {shown.title}\n")
        you = QCoreApplication.translate("cli", "You")
        for message in store.messages(shown.id):
            speaker = you if message.role == "user" else shown.model or message.role
            print(f"{speaker}:\n{message.content}\n")
        return 0
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    for hit in store.search(" ".join(args.words)):
        snippet = hit.snippet.replace("\x02", bold).replace("\x03", plain).replace("\n", " ")
        print(f"{hit.conversation_id}\t{hit.title}\t{snippet}")
    return 0


def _error(sentence: str) -> None:
    print(f"sotto: {sentence}", file=sys.stderr)
