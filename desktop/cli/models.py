"""``sotto models``: the model library on the command line, sharing the window's core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.cli.output import print_no_such_model, shown
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.types import LoadSettings
from desktop.core.library.download import Progress, download_model
from desktop.core.library.hub import HubClient
from desktop.core.library.importing import import_files
from desktop.core.library.installed import InstalledModel, find_model
from desktop.core.library.library import ModelLibrary, Verification, verify_model
from desktop.core.modelfile.fit import Verdict, estimate_fit
from desktop.core.modelfile.model_check import model_path
from desktop.core.modelfile.model_info import describe
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.vault.store import ConversationStore
from desktop.text.units import format_bytes


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``models`` and its actions to the subcommands *commands*."""
    models = commands.add_parser(
        "models",
        parents=[common],
        help=QCoreApplication.translate("cli", "list, add, check and remove models"),
    )
    actions = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser(
        "list", help=QCoreApplication.translate("cli", "every installed model, and whether it fits")
    )
    add = actions.add_parser(
        "import", help=QCoreApplication.translate("cli", "add a GGUF model file from this computer")
    )
    add.add_argument(
        "path",
        type=Path,
        help=QCoreApplication.translate("cli", "the .gguf file (its first part, if split)"),
    )
    add.add_argument(
        "--in-place",
        action="store_true",
        help=QCoreApplication.translate(
            "cli", "use the file where it is instead of copying it into Sotto's models folder"
        ),
    )
    fetch = actions.add_parser(
        "download", help=QCoreApplication.translate("cli", "download a GGUF model from the hub")
    )
    fetch.add_argument(
        "repo",
        help=QCoreApplication.translate(
            "cli", "the hub repository, such as bartowski/gemma-2-2b-it-GGUF"
        ),
    )
    fetch.add_argument(
        "file", help=QCoreApplication.translate("cli", "the .gguf file in it (any part, if split)")
    )
    remove = actions.add_parser(
        "remove", help=QCoreApplication.translate("cli", "delete a downloaded or imported model")
    )
    remove.add_argument(
        "name",
        help=QCoreApplication.translate("cli", "the model's name, as `sotto models list` shows it"),
    )
    remove.add_argument(
        "--yes",
        action="store_true",
        help=QCoreApplication.translate("cli", "do not ask for confirmation (for scripts)"),
    )
    verify = actions.add_parser(
        "verify",
        help=QCoreApplication.translate(
            "cli", "check models against the SHA-256 recorded when they were added"
        ),
    )
    verify.add_argument(
        "name",
        nargs="?",
        help=QCoreApplication.translate("cli", "one model (default: every model)"),
    )


def run(
    args: argparse.Namespace, paths: AppPaths, store: ConversationStore, guard: NetworkGuard
) -> int:
    """Do the ``models`` action in *args*; return the exit code."""
    from desktop.core.services import open_library

    library = open_library(paths, store)
    if args.action == "list":
        return _list(library)
    if args.action == "import":
        return _import(library, args.path, in_place=args.in_place)
    if args.action == "download":
        return _download(library, HubClient(guard), args.repo, args.file)
    if args.action == "remove":
        return _remove(library, args.name, args.yes)
    return _verify(library, args.name)


def _list(library: ModelLibrary) -> int:
    snapshot = HardwareSampler().sample()
    n_ctx = LoadSettings.n_ctx
    verdicts = {
        Verdict.RUNS_WELL: QCoreApplication.translate("cli", "runs well"),
        Verdict.TIGHT: QCoreApplication.translate("cli", "tight"),
        Verdict.WONT_FIT: QCoreApplication.translate("cli", "won't fit"),
    }
    for model in library.installed():
        if not model.present:
            gone = QCoreApplication.translate("cli", "missing: its file is gone")
            print(f"{shown(model.name)}\t{gone}")
            continue
        info = describe(model.path)
        fit = estimate_fit(
            info.shape, info.file_size, n_ctx, snapshot.memory_available, snapshot.vram_free
        )
        print(
            "\t".join(
                [
                    shown(model.name),
                    shown(info.architecture),
                    info.parameter_label,
                    info.quantization,
                    format_bytes(info.file_size),
                    QCoreApplication.translate("cli", "{tokens} tokens").format(
                        tokens=info.context_length
                    ),
                    verdicts[fit.verdict],
                ]
            )
        )
    return 0


def _progress(done: int, total: int, extra: str = "") -> None:
    percent = 100 * done // total if total else 100
    print(
        f"\r{percent:3d} %  {format_bytes(done)} / {format_bytes(total)}{extra}   ",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _import(library: ModelLibrary, path: Path, in_place: bool) -> int:
    library.check_name_free(path)
    shown: list[bool] = []

    def progress(done: int, total: int) -> None:
        shown.append(True)
        _progress(done, total)

    try:
        installed, parts = import_files(
            model_path(path),
            library.models_dir,
            copy=not in_place,
            installed=library.installed(),
            on_progress=progress,
        )
    finally:
        if shown:
            print(file=sys.stderr)  # ends the progress line, also before an error
    model = library.record_import(installed, parts, in_place)
    print(QCoreApplication.translate("cli", "Imported {name}.").format(name=model.name))
    return 0


def _download(library: ModelLibrary, client: HubClient, repo: str, file: str) -> int:
    hub_model = client.model(repo, file)
    library.check_name_free(Path(hub_model.file_name))

    def show(progress: Progress) -> None:
        speed = f"  {format_bytes(int(progress.bytes_per_second))}/s"
        _progress(progress.done, progress.total, speed)

    library.index.start_download(hub_model)
    path = download_model(client, hub_model, library.models_dir, on_progress=show)
    print(file=sys.stderr)
    model = library.record_download(hub_model, path)
    print(
        QCoreApplication.translate("cli", "Downloaded and verified {name}.").format(name=model.name)
    )
    return 0


def _named(library: ModelLibrary, name: str) -> InstalledModel | None:
    models = library.installed()
    model = find_model(models, name)
    if model is None or model not in models:
        print_no_such_model(name, (m.name for m in models))
        return None
    return model


def _remove(library: ModelLibrary, name: str, yes: bool) -> int:
    model = _named(library, name)
    if model is None:
        return EXIT_USAGE
    if not yes:
        if not sys.stdin.isatty():
            print(
                "sotto: "
                + QCoreApplication.translate(
                    "cli", "Nothing was removed: add --yes to remove without a question."
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        if (
            input(
                QCoreApplication.translate("cli", "Remove {name}? Type yes: ").format(
                    name=model.name
                )
            ).strip()
            != "yes"
        ):
            return EXIT_USAGE
    library.remove(model)
    print(QCoreApplication.translate("cli", "Removed {name}.").format(name=model.name))
    return 0


def _verify(library: ModelLibrary, name: str | None) -> int:
    if name is None:
        models = library.installed()
    else:
        model = _named(library, name)
        if model is None:
            return EXIT_USAGE
        models = [model]
    outcomes: dict[Verification, Callable[[], str]] = {
        Verification.INTACT: lambda: QCoreApplication.translate(
            "cli", "intact: matches the recorded SHA-256"
        ),
        Verification.DAMAGED: lambda: QCoreApplication.translate(
            "cli", "DAMAGED: differs from the recorded SHA-256; remove it and add it again"
        ),
        Verification.MISSING: lambda: QCoreApplication.translate(
            "cli", "MISSING: a file of it is gone"
        ),
        Verification.NO_RECORD: lambda: QCoreApplication.translate(
            "cli", "not checked: it was not added through Sotto, so no SHA-256 was recorded"
        ),
    }
    failed = False
    for model in models:
        outcome = verify_model(model, _progress)
        print("\r", end="", file=sys.stderr)
        print(f"{shown(model.name)}\t{outcomes[outcome]()}")
        failed |= outcome in (Verification.DAMAGED, Verification.MISSING)
    return EXIT_FAILED if failed else 0
