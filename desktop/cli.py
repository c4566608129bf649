"""The ``sotto`` command: the window by default, or a subcommand for scripts and IT departments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.inference.engine import Message, Sampling
from desktop.core.library.installed import find_model, installed_models
from desktop.core.paths import AppPaths
from desktop.messages import user_message

EXIT_FAILED = 1
EXIT_USAGE = 2


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
            "Without a command, opens the window.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"Sotto {__version__}")
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
            "cli", "an installed model's name or a GGUF file's path (default: the starter model)"
        ),
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line given in *argv* (default: this process's) and return the exit code."""
    args = _parser().parse_args(argv)
    paths = AppPaths.resolve(getattr(args, "data_dir", None)).ensure()
    if args.command == "ask":
        return _ask(paths, args)
    from desktop.app import run_gui

    return run_gui(paths)


def _ask(paths: AppPaths, args: argparse.Namespace) -> int:
    from desktop.app import build_engine

    models = installed_models(paths.models_dir)
    model = find_model(models, args.model) if args.model else (models[0] if models else None)
    if model is None:
        names = ", ".join(m.name for m in models) or "-"
        _error(
            QCoreApplication.translate(
                "cli", "There is no model called {name}. Installed models: {names}."
            ).format(name=args.model or "", names=names)
        )
        return EXIT_USAGE
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    engine = build_engine(paths)
    try:
        engine.load(model.path)
        reply = engine.chat(
            [Message(role="user", content=prompt)],
            Sampling(max_tokens=args.max_tokens, temperature=args.temperature),
            lambda piece: print(piece, end="", flush=True),
        )
    except UserError as error:
        _error(user_message(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(flush=True)
        return 130
    finally:
        engine.unload()
    print(flush=True)
    print(
        QCoreApplication.translate("cli", "{tokens} tokens · {speed:.1f} tokens/s").format(
            tokens=reply.tokens, speed=reply.tokens_per_second
        ),
        file=sys.stderr,
    )
    return 0


def _error(sentence: str) -> None:
    print(f"sotto: {sentence}", file=sys.stderr)
