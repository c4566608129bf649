"""The ``sotto`` command: the window by default, or a subcommand for scripts and IT departments."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_FAILED
from desktop.cli.output import print_error
from desktop.cli.parser import COMMANDS, build_parser
from desktop.cli.vault import open_store
from desktop.core.app_settings import OFFLINE, AppSettings
from desktop.core.errors import FileAccessError, UserError
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.text.messages import user_message
from desktop.text.settings_notice import settings_notice
from desktop.text.translation import apply_language, chosen_language

_READS = frozenset({"list", "search", "verify"})
"""The actions that only read the vault: they go on where the folder's lock cannot be checked."""


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
    args = _window_arguments(argv) or build_parser().parse_args(argv)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    guard = guard or NetworkGuard()
    settings = AppSettings(paths.settings_path).read()
    # Offline mode, once switched on in the window, holds for every command too (and
    # where the settings cannot be read, it is on: nobody can say it was off).
    guard.offline = settings.get(OFFLINE)
    if args.command is None and args.self_check is None:
        from desktop.app import run_gui

        return run_gui(paths, guard)  # it says why, if it cannot start
    # Each command's modules (llama.cpp, numpy, httpx among them) are imported here, never
    # in front of the window.
    from desktop.cli import (
        api,
        ask,
        docs,
        forget,
        history,
        models,
        revise,
        self_check,
        serve,
        servers,
    )

    notice = settings_notice(settings)  # the window shows its own, in a toast
    if notice is not None:
        print_error(notice)
    try:
        if args.command == "forget-everything":
            return forget.run(paths, args)  # even where nothing can be written: the key goes
        paths.ensure()
        if args.self_check is not None:
            return self_check.run(paths, args.self_check)
        if args.command == "ask":
            return ask.run(paths, args, guard)
        if args.command == "serve":
            return serve.run(paths, args)
        if args.command == "revise":
            return revise.run(paths, args)
        writes = getattr(args, "action", None) not in _READS
        if args.command == "models":
            return models.run(args, paths, open_store(paths, writes=writes), guard)
        if args.command == "servers":
            return servers.run(args, paths, open_store(paths, writes=writes), guard)
        if args.command == "docs":
            return docs.run(args, paths, open_store(paths, writes=writes))
        if args.command == "api":
            return api.run(args, paths, open_store(paths))
        return history.run(paths, args)
    except UserError as error:
        print_error(user_message(error))
        if error.details:
            print_error(
                QCoreApplication.translate("cli", "details: {details}").format(
                    details=error.details
                )
            )
        return EXIT_FAILED
    except OSError as error:  # a file named on the command line, or the disk
        print_error(user_message(FileAccessError.of(error)))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(flush=True)
        return 130


def _opens_window(argv: Sequence[str]) -> bool:
    """Whether *argv* asks for the window: no command, no help, no version."""
    words = [
        word for index, word in enumerate(argv) if index == 0 or argv[index - 1] != "--data-dir"
    ]
    return not set(words) & {*COMMANDS, "-h", "--help", "--version", "--self-check"}


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a window started with nothing but ``--data-dir``, or None for any
    other command line (the whole parser reads it, and says what is wrong). The whole
    parser imports every command's modules: a cost the window would pay before it shows."""
    if not _opens_window(argv):
        return None
    early = _early(argv)
    if early is None or early[1]:
        return None
    return argparse.Namespace(data_dir=early[0], command=None, self_check=None)


def _data_dir(argv: Sequence[str]) -> Path | None:
    """The --data-dir of *argv*, read before the (translated) parser exists."""
    early = _early(argv)
    return None if early is None else early[0]


def _early(argv: Sequence[str]) -> tuple[Path | None, list[str]] | None:
    """The --data-dir of *argv* and the words left, or None where --data-dir is malformed
    (the whole parser says so)."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("--data-dir", type=Path)
    try:
        known, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    data_dir: Path | None = known.data_dir
    return data_dir, rest
